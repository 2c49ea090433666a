namespace FastNet.Training;

/// <summary>One epoch of a training run.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="Loss">The training loss over the epoch's batches, as the network's loss defines it (each batch measured before its update).</param>
public readonly record struct EpochRecord(int Epoch, double Loss)
{
    /// <summary>The training accuracy over the epoch's batches, each measured before its update; null for regression data.</summary>
    public double? Accuracy { get; init; }

    /// <summary>The loss on the validation data after the epoch; null without validation data.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>The accuracy on the validation data after the epoch; null without labelled validation data.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>The learning rate the epoch used (after the schedule and any halving).</summary>
    public float LearningRate { get; init; }
}
