namespace FastNet.Cli;

/// <summary>An option value the command cannot use (exit code 2), as opposed to bad data or a failed run (exit code 1).</summary>
internal sealed class UsageException(string message) : Exception(message);
