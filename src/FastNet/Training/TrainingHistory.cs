namespace FastNet.Training;

/// <summary>What a training run did: one record per completed epoch and how long the epoch loop took.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs;

    internal TrainingHistory(int capacity) => _epochs = new List<EpochRecord>(capacity);

    /// <summary>The completed epochs, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>The loss of the last completed epoch (NaN when none ran).</summary>
    public double FinalLoss => _epochs.Count == 0 ? double.NaN : _epochs[^1].Loss;

    /// <summary>The wall time of the epoch loop.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Whether the run stopped early because it was cancelled.</summary>
    public bool Cancelled { get; internal set; }

    internal void Add(EpochRecord record) => _epochs.Add(record);
}
