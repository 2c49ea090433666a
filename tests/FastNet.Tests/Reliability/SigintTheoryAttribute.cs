namespace FastNet.Tests.Reliability;

/// <summary>
/// A theory that sends SIGINT to a child process: it runs where the test process receives SIGINT, and is reported as
/// skipped, with the reason, where SIGINT is ignored. A non-interactive shell starts a background job (<c>cmd &amp;</c>)
/// with SIGINT and SIGQUIT ignored, the children inherit that, and .NET leaves an inherited ignore in place (as nohup
/// expects), so there the child would never see the signal and the test could only fail. Not Linux: skipped as well.
/// </summary>
public sealed class SigintTheoryAttribute : TheoryAttribute
{
    public SigintTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "sends a POSIX signal to a child and reads /proc; runs on Linux only";
        else if (SigintIgnored())
            Skip = "SIGINT is ignored by this test process (started as a background job of a non-interactive shell), so its " +
                "child would ignore it too; run the tests in the foreground";
    }

    // /proc/self/status's SigIgn: the ignored signals as a hexadecimal mask, bit n − 1 for signal n
    private static bool SigintIgnored()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                return (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (2 - 1))) != 0;
        return false;
    }
}
