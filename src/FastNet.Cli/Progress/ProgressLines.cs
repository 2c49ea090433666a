namespace FastNet.Cli.Progress;

/// <summary>Progress as plain lines (for redirected output and logs): one line per update.</summary>
internal sealed class ProgressLines(TextWriter output) : IProgressView
{
    public void Update(ProgressSnapshot snapshot) => output.WriteLine(snapshot.Describe());

    public void Dispose() { }
}
