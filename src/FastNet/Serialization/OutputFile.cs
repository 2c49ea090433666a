namespace FastNet.Serialization;

/// <summary>
/// The rules for every file FastNet writes (models, datasets, checkpoints, histories, ONNX, pictures). A save goes to
/// the file a symbolic link points to, keeps an existing file's permissions, and refuses folders, devices, FIFOs,
/// sockets and read-only files, so it can never replace something that is not a file FastNet may overwrite.
/// </summary>
public static class OutputFile
{
    /// <summary>
    /// Checks now, before any work, that a save to <paramref name="path"/> can succeed: the name is valid, its folder
    /// exists and takes new files, and nothing that may not be replaced is there.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FastNetException">The file cannot be written; the message names it and says why.</exception>
    public static void Check(string path)
    {
        string target = OutputTarget.Resolve(path);
        string probe = Path.Combine(Path.GetDirectoryName(target) ?? ".", $".fastnet-probe-{Guid.NewGuid().ToString("N")[..12]}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastNetException($"{path}: cannot write in the folder {Path.GetDirectoryName(target)} ({OutputTarget.SystemReason(e)})");
        }
    }

    /// <summary>
    /// Whether <paramref name="first"/> and <paramref name="second"/> name the same file: the same path once symbolic
    /// links are followed, or (on Linux) the same file on disk, as hard links are.
    /// </summary>
    /// <exception cref="ArgumentNullException">A path is null.</exception>
    public static bool SameFile(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        string? a = OutputTarget.TryFinalPath(first), b = OutputTarget.TryFinalPath(second);
        if (a is null || b is null) return false;
        if (string.Equals(a, b, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)) return true;
        var (_, idA) = FileProbe.Query(a);
        var (_, idB) = FileProbe.Query(b);
        return idA is not null && idA == idB;
    }

    /// <summary>The longest file name (in UTF-8 bytes) that the common file systems take.</summary>
    public const int MaxNameBytes = OutputTarget.MaxNameBytes;
}
