namespace FastNet.Training;

/// <summary>How to train: how long, on which batches, with which update rule.</summary>
public sealed record TrainingOptions
{
    /// <summary>The number of passes over the data (default 1000).</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>Samples per update; 0 (the default) means the whole dataset in one batch, one update per epoch.</summary>
    public int BatchSize { get; init; }

    /// <summary>Whether mini-batches are drawn from a fresh seeded permutation every epoch (default true); full batches are never shuffled.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed of the shuffling; the same seed gives bit-identical weights.</summary>
    public ulong Seed { get; init; }

    /// <summary>The update rule and learning rate.</summary>
    public OptimizerOptions Optimizer { get; init; } = new();
}
