using FastNet.Serialization;

namespace FastNet.Cli;

/// <summary>
/// Checks every file a command will write before it starts working: no output may be the same file as an input or as
/// another output (a usage error), and each must be writable (see <see cref="OutputFile.Check"/>).
/// </summary>
internal static class OutputPaths
{
    /// <summary>Checks <paramref name="outputs"/> against each other and <paramref name="inputs"/>; null paths are not given.</summary>
    public static void Check(ReadOnlySpan<(string Option, string? Path)> outputs, ReadOnlySpan<(string Option, string? Path)> inputs)
    {
        for (int i = 0; i < outputs.Length; i++)
        {
            if (outputs[i].Path is not { } path) continue;
            for (int j = 0; j < i; j++)
                if (outputs[j].Path is { } other && OutputFile.SameFile(path, other))
                    throw new UsageException($"{outputs[j].Option} and {outputs[i].Option} name the same file ({path}); give each output its own file");
            foreach ((string option, string? input) in inputs)
                if (input is not null && OutputFile.SameFile(path, input))
                    throw new UsageException($"{outputs[i].Option} and {option} name the same file ({path}): writing it would destroy the input");
        }
        foreach ((string option, string? path) in outputs)
        {
            if (path is null) continue;
            try
            {
                OutputFile.Check(path);
            }
            catch (FastNetException e)
            {
                throw new FastNetException($"{option}: {e.Message}", e);
            }
        }
    }
}
