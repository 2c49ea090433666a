using FastNet.Serialization;

namespace FastNet.Training;

/// <summary>
/// Everything needed to continue a training run exactly where it stopped: the network (weights and optimizer state),
/// the epochs and steps done, the state of the shuffling generator, and the command that started the run. Written by
/// <see cref="Trainer.SaveCheckpoint"/>, read by <see cref="Load"/>, continued by <see cref="Trainer.Resume"/>; a run
/// interrupted and resumed this way ends with the same weights, bit for bit, as one that was never interrupted.
/// </summary>
public sealed class TrainingCheckpoint
{
    internal TrainingCheckpoint(Network network, int epoch, int step, ulong randomState, IReadOnlyList<string> command)
    {
        Network = network;
        Epoch = epoch;
        Step = step;
        RandomState = randomState;
        Command = command;
    }

    /// <summary>The network with the checkpoint's weights and optimizer state, ready to go on training.</summary>
    public Network Network { get; }

    /// <summary>The number of epochs completed when the checkpoint was written.</summary>
    public int Epoch { get; }

    /// <summary>The arguments the application recorded to restart the run (the <c>fastnet train</c> options); may be empty.</summary>
    public IReadOnlyList<string> Command { get; }

    /// <summary>The number of optimizer steps taken.</summary>
    internal int Step { get; }

    /// <summary>The state of the trainer's shuffling generator.</summary>
    internal ulong RandomState { get; }

    /// <summary>Reads a checkpoint file (see docs/formats.md); the network is planned for <paramref name="maxBatch"/> samples, or the batch it was trained with.</summary>
    /// <exception cref="FastNetFormatException">The file is missing, malformed or damaged; the message names the file and JSON path.</exception>
    public static TrainingCheckpoint Load(string path, int? maxBatch = null) => CheckpointFile.Read(path, JsonInput.ReadBytes(path), maxBatch);
}
