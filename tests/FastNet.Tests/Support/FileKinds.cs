using System.Diagnostics;

namespace FastNet.Tests.Support;

/// <summary>Makes and tells apart the kinds of file a test needs (FIFOs, character devices) with the system's own tools.</summary>
internal static class FileKinds
{
    public static string MakeFifo(string path)
    {
        Assert.Equal(0, Run("mkfifo", path));
        return path;
    }

    /// <summary>Gives the file <paramref name="existing"/> a second name, <paramref name="link"/> (a hard link).</summary>
    public static void HardLink(string existing, string link) => Assert.Equal(0, Run("ln", existing, link));

    /// <summary>Whether <paramref name="path"/> passes the shell's <c>test</c> flag (<c>-p</c> FIFO, <c>-c</c> character device, <c>-f</c> regular file).</summary>
    public static bool Is(string path, string flag) => Run("test", flag, path) == 0;

    private static int Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
