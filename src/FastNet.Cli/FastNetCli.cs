using System.CommandLine;
using FastNet.Cli.Commands;

namespace FastNet.Cli;

/// <summary>The <c>fastnet</c> command: parses, dispatches, and maps errors to exit codes (0 ok, 1 failure, 2 usage).</summary>
internal static class FastNetCli
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("FastNet: fast, allocation-free multilayer perceptrons for .NET.\n" +
            "Example: fastnet demo --out pictures");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(GradCheckCommand.Create());
        return root;
    }

    /// <summary>Runs the command line <paramref name="args"/> writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RootCommand root = CreateRoot();
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            string command = result.CommandResult.Command == root ? "fastnet" : "fastnet " + result.CommandResult.Command.Name;
            error.WriteLine($"error: {result.Errors[0].Message} (see '{command} --help')");
            return UsageError;
        }
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
