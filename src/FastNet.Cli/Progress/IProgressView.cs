namespace FastNet.Cli.Progress;

/// <summary>Shows training progress somewhere: a live bar in a terminal, or plain lines in a log.</summary>
internal interface IProgressView : IDisposable
{
    /// <summary>Shows <paramref name="snapshot"/>; called at a bounded rate from the training thread.</summary>
    void Update(ProgressSnapshot snapshot);
}
