using System.CommandLine;

namespace FastNet.Cli;

/// <summary>
/// Runs a command's body and turns every expected failure into one line on stderr (<c>error: ...</c>) and exit code 1,
/// so no user ever sees a stack trace.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, TextWriter, int> body) =>
        command.SetAction(result => Run(result, body));

    private static int Run(ParseResult result, Func<ParseResult, TextWriter, int> body)
    {
        TextWriter output = result.InvocationConfiguration.Output;
        TextWriter error = result.InvocationConfiguration.Error;
        try
        {
            return body(result, output);
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message} (see '{FastNetCli.CommandPath(result.CommandResult)} --help')");
            return FastNetCli.UsageError;
        }
        catch (FastNetException e)
        {
            error.WriteLine("error: " + OneLine(e.Message));
            return FastNetCli.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + OneLine(e.Message));
            return FastNetCli.Failure;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled");
            return FastNetCli.Failure;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
