using FastNet.Serialization;

namespace FastNet.Training;

/// <summary>
/// What a training run did: one record per completed epoch, why it stopped, and how long the epoch loop took. Returned
/// by <see cref="Trainer.Run(Action{EpochRecord}?, CancellationToken)"/>; a loop of your own around
/// <see cref="Trainer.RunEpoch"/> builds one with <see cref="Add"/> and the settable properties.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs;

    /// <summary>An empty history with room for <paramref name="capacity"/> epochs.</summary>
    public TrainingHistory(int capacity = 0) => _epochs = new List<EpochRecord>(Math.Max(0, capacity));

    /// <summary>The completed epochs, in order (an epoch that diverged is not among them).</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>The loss of the last completed epoch (NaN when none ran).</summary>
    public double FinalLoss => _epochs.Count == 0 ? double.NaN : _epochs[^1].Loss;

    /// <summary>The wall time of the epoch loop.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Whether the run stopped early because it was cancelled.</summary>
    public bool Cancelled { get; set; }

    /// <summary>Whether early stopping ended the run (the validation loss did not improve for the patience).</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>The epoch with the lowest validation loss (0 without validation data); with early stopping, the weights are this epoch's.</summary>
    public int BestEpoch { get; set; }

    /// <summary>Whether the run stopped because the loss or a parameter became NaN or infinite; the weights are the last good ones.</summary>
    public bool Diverged { get; set; }

    /// <summary>How many times the learning rate was halved after a divergence (<see cref="DivergencePolicy.Halve"/>).</summary>
    public int Halvings { get; set; }

    /// <summary>Why the optimizer stopped by itself before the epoch limit (<see cref="OptimizerKind.Lbfgs"/>); <see cref="ConvergenceReason.None"/> otherwise.</summary>
    public ConvergenceReason Convergence { get; internal set; }

    /// <summary>A sentence for the user when the run diverged: which epoch, what was kept, what to try; null otherwise.</summary>
    public string? Message { get; set; }

    /// <summary>Writes the history as JSON (see docs/training.md), atomically.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => TrainingHistoryJson.Write(this, stream));

    /// <summary>Writes the history as JSON to <paramref name="stream"/> (which stays open).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TrainingHistoryJson.Write(this, stream);
    }

    /// <summary>
    /// Puts the records of the epochs before this history's at its start, as a resumed run does with
    /// <see cref="TrainingCheckpoint.History"/>, so the history is the whole run's; the other properties stay this run's.
    /// </summary>
    /// <exception cref="ArgumentException">The earlier epochs do not end right before this history's first epoch.</exception>
    public void Prepend(IReadOnlyList<EpochRecord> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier.Count == 0) return;
        if (_epochs.Count > 0 && earlier[^1].Epoch + 1 != _epochs[0].Epoch)
            throw new ArgumentException($"the earlier epochs end at epoch {earlier[^1].Epoch}, not right before this history's first, {_epochs[0].Epoch}", nameof(earlier));
        _epochs.InsertRange(0, earlier);
    }

    /// <summary>Appends the record of the next completed epoch (e.g. <see cref="Trainer.LastEpoch"/> after each <see cref="Trainer.RunEpoch"/>).</summary>
    public void Add(EpochRecord record) => _epochs.Add(record);
}
