namespace FastNet;

/// <summary>
/// A file (dataset or model) that cannot be read: bad syntax, wrong types, ragged rows, non-finite numbers, sizes that do
/// not fit. The message is one line of the form <c>FILE: what is wrong at WHERE</c>.
/// </summary>
public sealed class FastNetFormatException : FastNetException
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="location"/> (a JSON path, a line or a row).</summary>
    public FastNetFormatException(string file, string location, string problem)
        : base(location.Length == 0 ? $"{file}: {problem}" : $"{file}: {problem} at {location}")
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string File { get; }

    /// <summary>Where in the file: a JSON path such as <c>$.features[3][1]</c>, or <c>line 7</c>; empty for the whole file.</summary>
    public string Location { get; }

    /// <summary>What is wrong, without the file and location.</summary>
    public string Problem { get; }
}
