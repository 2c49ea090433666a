using FastNet.Cli;

namespace FastNet.Tests.Support;

/// <summary>Runs the fastnet command in-process with its own output streams (safe for parallel tests).</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = FastNetCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
