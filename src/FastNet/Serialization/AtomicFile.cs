namespace FastNet.Serialization;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a part: the bytes go to a
/// temporary file in the same folder, are flushed to disk, and the temporary file is renamed over the target. The
/// target is what <see cref="OutputFile"/> allows: a symbolic link's final target, never a folder, device, FIFO or
/// read-only file; an existing file's permissions carry over to the new one.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string target = OutputTarget.Resolve(path);
        string temporary = OutputTarget.TemporaryName(target);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(target)) File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new FastNetException($"{path}: cannot write ({OutputTarget.SystemReason(e)})", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
