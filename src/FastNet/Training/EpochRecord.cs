namespace FastNet.Training;

/// <summary>One epoch of a training run.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="Loss">The training loss over the epoch's batches, as the network's loss defines it.</param>
public readonly record struct EpochRecord(int Epoch, double Loss);
