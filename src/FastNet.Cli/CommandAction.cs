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
            error.WriteLine($"error: {OneLine(e.Message)} (see '{FastNetCli.CommandPath(result.CommandResult)} --help')");
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
        catch (OutOfMemoryException)
        {
            error.WriteLine("error: not enough memory for this input (use a smaller file, model or batch)");
            return FastNetCli.Failure;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled");
            return FastNetCli.Failure;
        }
        catch (Exception e)
        {
            // the last line of defence: a failure nobody foresaw is still one line, never a stack trace
            error.WriteLine($"error: internal error ({e.GetType().Name}): {OneLine(e.Message)} (please report it)");
            return FastNetCli.Failure;
        }
    }

    /// <summary>
    /// A message made safe for a terminal line: line breaks become spaces, other control and format characters (an ESC
    /// from a file name, say) are shown as \uXXXX.
    /// </summary>
    public static string OneLine(string message)
    {
        var line = new System.Text.StringBuilder(message.Length);
        foreach (char c in message.ReplaceLineEndings(" "))
        {
            if (char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                line.Append($"\\u{(int)c:x4}");
            else
                line.Append(c);
        }
        return line.ToString();
    }
}
