using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using FastNet.Cli.Commands;

namespace FastNet.Cli;

/// <summary>The <c>fastnet</c> command: parses, dispatches, and maps errors to exit codes (0 ok, 1 failure, 2 usage).</summary>
internal static class FastNetCli
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    /// <summary>Stopped by Ctrl+C or SIGTERM after saving a checkpoint (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>The root command, named <c>fastnet</c> (not after the assembly) so help and usage read as users type it.</summary>
    public static Command CreateRoot()
    {
        var root = new Command("fastnet", "FastNet: fast, allocation-free multilayer perceptrons for .NET.\n" +
            "Example: fastnet demo --out pictures")
        {
            new HelpOption(), new VersionOption { Action = new VersionAction() },
        };
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(GradCheckCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        ArgumentParsers.ParseNumbersStrictly(root);
        return root;
    }

    /// <summary>Runs the command line <paramref name="args"/> writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Command root = CreateRoot();
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            string message = string.Join(' ', Describe(result).Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            message = CommandAction.OneLine(message);
            error.WriteLine($"error: {message} (see '{CommandPath(result.CommandResult)} --help')");
            return UsageError;
        }
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    // The first parse error in FastNet's words: a missing or unknown command says which commands there are.
    private static string Describe(ParseResult result)
    {
        Command command = result.CommandResult.Command;
        if (command.Subcommands.Count > 0 && result.Errors.Any(e => e.Message == "Required command was not provided."))
        {
            string known = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return result.UnmatchedTokens.Count > 0
                ? $"unknown command '{result.UnmatchedTokens[0]}' (one of {known})"
                : $"give a command (one of {known})";
        }
        return result.Errors[0].Message;
    }

    /// <summary>The command as typed, e.g. <c>fastnet data circles</c>.</summary>
    public static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? s = command; s is not null; s = s.Parent)
            if (s is CommandResult c) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }
}
