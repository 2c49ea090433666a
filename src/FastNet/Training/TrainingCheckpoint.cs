using FastNet.Serialization;

namespace FastNet.Training;

/// <summary>
/// Everything needed to continue a training run exactly where it stopped: the network (weights and standardisation),
/// the optimizer's state, the last-good and best copies of the weights, the epochs and steps done, the shuffling
/// generator, the learning-rate and early-stopping counters, and the command that started the run. Written by
/// <see cref="Trainer.SaveCheckpoint(string, IReadOnlyList{string}?, TrainingHistory?)"/>, read by <see cref="Load(string, int?)"/>, continued by <see cref="Trainer.Resume"/>; a run
/// interrupted and resumed this way ends with the same weights, bit for bit, as one that was never interrupted.
/// </summary>
public sealed class TrainingCheckpoint
{
    internal TrainingCheckpoint(Network network, TrainerState state, TrainerMemory slices, IReadOnlyList<string> command,
        IReadOnlyList<EpochRecord> history)
    {
        History = history;
        Network = network;
        State = state;
        Slices = slices;
        Command = command;
    }

    /// <summary>The network with the checkpoint's weights, ready to go on training.</summary>
    public Network Network { get; }

    /// <summary>The number of epochs completed when the checkpoint was written.</summary>
    public int Epoch => State.Epoch;

    /// <summary>The arguments the application recorded to restart the run (the <c>fastnet train</c> options); may be empty.</summary>
    public IReadOnlyList<string> Command { get; }

    /// <summary>
    /// The records of the epochs before the checkpoint, when the run that wrote it passed its history to
    /// <see cref="Trainer.SaveCheckpoint(string, IReadOnlyList{string}?, TrainingHistory?)"/>; empty otherwise. Put them
    /// in front of the resumed run's with <see cref="TrainingHistory.Prepend"/> to get the whole run's history.
    /// </summary>
    public IReadOnlyList<EpochRecord> History { get; }

    internal TrainerState State { get; }

    internal TrainerMemory Slices { get; }

    /// <summary>Reads a checkpoint file (see docs/formats.md); the network is planned for <paramref name="maxBatch"/> samples, or the batch it was trained with.</summary>
    /// <exception cref="FastNetFormatException">The file is missing, malformed or damaged; the message names the file and JSON path.</exception>
    public static TrainingCheckpoint Load(string path, int? maxBatch = null) => CheckpointFile.Read(path, JsonInput.ReadBytes(path), maxBatch);

    /// <summary>Reads a checkpoint from <paramref name="stream"/> (to its end; the stream stays open); see <see cref="Load(string, int?)"/>.</summary>
    /// <exception cref="FastNetFormatException">The data is malformed or damaged; the message names the JSON path.</exception>
    public static TrainingCheckpoint Load(Stream stream, int? maxBatch = null) => CheckpointFile.Read(JsonInput.StreamName, JsonInput.ReadBytes(stream), maxBatch);

    /// <summary>The counters of a trainer, as a checkpoint keeps them.</summary>
    internal readonly record struct TrainerState(int Epoch, int Step, ulong RandomState, int BestEpoch, int Halvings, float RateScale,
        double BestLoss, int BadEpochs, string? DataChecksum = null);

    /// <summary>The trainer's memory besides the weights that a run depends on, copied (the trainer's constructor resets it).</summary>
    internal sealed record TrainerMemory(float[] Optimizer, float[] LastGood, float[] PreviousGood, float[] Best);

    internal static TrainerState Capture(Trainer trainer) => new(trainer.Epoch, trainer.StepCount, trainer.RandomState, trainer.BestEpoch,
        trainer.Halvings, trainer.RateScale, trainer.BestLoss, trainer.BadEpochs, trainer.DataChecksum);

    internal void RestoreInto(Trainer trainer)
    {
        Restore(Slices.Optimizer, trainer.OptimizerState, "optimizer state", "the optimizer");
        Restore(Slices.LastGood, trainer.LastGoodParameters, "last good copy", "the run");
        Restore(Slices.PreviousGood, trainer.PreviousGoodParameters, "previous good copy", "the run");
        Restore(Slices.Best, trainer.BestParameters, "best copy", "early stopping (the patience)");
        trainer.RestoreCounters(State.Epoch, State.BestEpoch, State.Halvings);
        trainer.StepCount = State.Step;
        trainer.RandomState = State.RandomState;
        trainer.RateScale = State.RateScale;
        trainer.BestLoss = State.BestLoss;
        trainer.BadEpochs = State.BadEpochs;
    }

    private static void Restore(float[] saved, Span<float> into, string what, string option)
    {
        if (saved.Length != into.Length)
            throw new FastNetException($"the checkpoint's {what} holds {saved.Length} values but this trainer's needs {into.Length}: " +
                $"resume with the options the run was started with ({option} differs)");
        saved.CopyTo(into);
    }
}
