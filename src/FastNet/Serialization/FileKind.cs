namespace FastNet.Serialization;

/// <summary>What a path names on disk, following symbolic links: nothing, a regular file, a folder, or something else.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path (or a symbolic link points nowhere).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A device, FIFO or socket: reading may never end or block forever, and replacing it would destroy it.</summary>
    Special,
}
