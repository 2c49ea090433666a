namespace FastNet.Serialization;

/// <summary>
/// Where a save really goes and whether it may: the checks behind <see cref="OutputFile"/> and <see cref="AtomicFile"/>
/// (compiled into the CLI and FastNet.Onnx too, as their file helpers are).
/// </summary>
internal static class OutputTarget
{
    /// <summary>The longest file name (in UTF-8 bytes) that the common file systems take.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The file a save to <paramref name="path"/> replaces (symbolic links followed), after every check.</summary>
    internal static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string target = TryFinalPath(path) ?? throw new FastNetException($"{path}: cannot write, not a valid file name");
        int nameBytes = System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(target));
        if (nameBytes > MaxNameBytes)
            throw new FastNetException($"{path}: cannot write, the name is {nameBytes} bytes, longer than the {MaxNameBytes} a file system takes");
        switch (FileProbe.Of(target))
        {
            case FileKind.Folder:
                throw new FastNetException($"{path}: cannot write, it is a folder, not a file");
            case FileKind.Special:
                throw new FastNetException($"{path}: cannot write, it is not a regular file (a device, FIFO or socket); FastNet replaces only regular files");
            case FileKind.Regular when IsReadOnly(target):
                throw new FastNetException($"{path}: cannot write, the file is read-only");
            case FileKind.Regular when FileProbe.LinkCount(target) is > 1 and var links:
                throw new FastNetException($"{path}: cannot write, the file has {links} hard links and a save would part it from the others; remove them or save elsewhere");
        }
        string folder = Path.GetDirectoryName(target) ?? ".";
        switch (FileProbe.Of(folder))
        {
            case FileKind.Missing:
                throw new FastNetException($"{path}: cannot write, the folder {folder} does not exist");
            case not FileKind.Folder:
                throw new FastNetException($"{path}: cannot write, {folder} is not a folder");
        }
        return target;
    }

    /// <summary>
    /// A hidden name beside <paramref name="target"/>: <c>.NAME.RANDOM.tmp</c> with NAME cut to 40 characters, so a
    /// target whose name is near the system's 255-byte limit can still be saved.
    /// </summary>
    internal static string TemporaryName(string target)
    {
        string name = Path.GetFileName(target);
        int keep = Math.Min(name.Length, 40);
        if (keep > 0 && char.IsHighSurrogate(name[keep - 1])) keep--;
        return Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{name[..keep]}.{Guid.NewGuid().ToString("N")[..12]}.tmp");
    }

    /// <summary>What went wrong in the system's words, without the path it appends (the caller names the file).</summary>
    internal static string SystemReason(Exception e)
    {
        if (e is UnauthorizedAccessException) return "permission denied";
        string message = e.Message;
        int cut = message.IndexOf(" : '", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" '", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ').ToLowerInvariant();
    }

    // the full path, with every symbolic link followed to its final target (which may not exist yet); null when invalid
    internal static string? TryFinalPath(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            FileSystemInfo? target = new FileInfo(full).LinkTarget is null ? null : File.ResolveLinkTarget(full, returnFinalTarget: true);
            return target is null ? full : Path.GetFullPath(target.FullName);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsReadOnly(string file) =>
        OperatingSystem.IsWindows()
            ? new FileInfo(file).IsReadOnly
            : (File.GetUnixFileMode(file) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;
}
