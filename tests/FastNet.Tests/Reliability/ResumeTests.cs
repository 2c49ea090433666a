using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Reliability;

/// <summary>A run cancelled at the end of an epoch, checkpointed and resumed ends with exactly the weights of an uninterrupted run.</summary>
public class ResumeTests
{
    private static readonly TrainingOptions Options = new()
    {
        Epochs = 40,
        BatchSize = 8,          // 13 mini-batches per epoch, reshuffled every epoch: the RNG state matters
        Seed = 77,
        Optimizer = new OptimizerOptions { LearningRate = 0.3f },
    };

    private static Network MakeNetwork() =>
        new NetworkBuilder(2).Dense(6, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).WithSeed(3).WithMaxBatch(8).Build();

    /// <summary>Adam (moments in the optimizer state), a step schedule, standardisation, a validation split and patience.</summary>
    private static readonly TrainingOptions Everything = Options with
    {
        Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.02f },
        Schedule = LearningRateSchedule.Step(10, 0.5f),
        Standardize = true,
        ValidationFraction = 0.2,
        Patience = 30,
    };

    public static TheoryData<string> Runs => new() { "sgd", "adam, schedule, validation, early stopping" };

    [Theory]
    [MemberData(nameof(Runs))]
    public void CancelledCheckpointedAndResumedEndsBitIdenticalToAnUninterruptedRun(string run)
    {
        TrainingOptions options = run == "sgd" ? Options : Everything;
        Dataset data = TestData.Moons();
        Network straight = MakeNetwork();
        var straightTrainer = new Trainer(straight, data, options);
        TrainingHistory full = straightTrainer.Run();
        Assert.Equal(40, full.Epochs.Count);

        using var folder = new TempFolder();
        string checkpoint = folder.File("run.checkpoint.json");
        Network first = MakeNetwork();
        var trainer = new Trainer(first, data, options);
        using var cancel = new CancellationTokenSource();
        TrainingHistory part = trainer.Run(record => { if (record.Epoch == 15) cancel.Cancel(); }, cancel.Token);
        Assert.True(part.Cancelled);
        Assert.Equal(15, part.Epochs.Count);             // stopped at the end of the epoch in which it was cancelled
        trainer.SaveCheckpoint(checkpoint, ["--note", "kept as given"]);

        TrainingCheckpoint saved = TrainingCheckpoint.Load(checkpoint);
        Assert.Equal(15, saved.Epoch);
        Assert.Equal(["--note", "kept as given"], saved.Command);
        Assert.Equal(8, saved.Network.MaxBatch);
        Trainer resumed = Trainer.Resume(saved, data, options);
        TrainingHistory rest = resumed.Run();
        Assert.Equal(25, rest.Epochs.Count);
        Assert.Equal(16, rest.Epochs[0].Epoch);
        Assert.Equal(40, resumed.Epoch);

        Assert.Equal(Bits(straight.Parameters), Bits(saved.Network.Parameters));
        Assert.Equal(Bits(straightTrainer.OptimizerState), Bits(resumed.OptimizerState));
        for (int e = 0; e < 25; e++) Assert.Equal(full.Epochs[15 + e], rest.Epochs[e]);   // loss, rate, validation: every field
        Assert.Equal(full.BestEpoch, rest.BestEpoch);
    }

    [Fact]
    public void TheWholeOptimizerStateSurvivesEveryBit()
    {
        using var folder = new TempFolder();
        Network network = MakeNetwork();
        TrainingOptions adam = Options with { Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.02f } };
        var trainer = new Trainer(network, TestData.Moons(), adam);
        trainer.RunEpoch();   // (a fresh run resets the optimizer state when its first epoch starts)
        Span<float> state = trainer.OptimizerState;
        for (int i = 0; i < state.Length; i++) state[i] = BitConverter.Int32BitsToSingle(unchecked(i * 0x3F1A2B3C + 0x00400001));
        state[0] = float.NaN;
        state[1] = -0f;
        state[2] = float.Epsilon;
        trainer.SaveCheckpoint(folder.File("c.json"));

        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(folder.File("c.json"));
        Network loaded = checkpoint.Network;
        Trainer resumed = Trainer.Resume(checkpoint, TestData.Moons(), adam);
        Assert.Equal(Bits(trainer.OptimizerState), Bits(resumed.OptimizerState));
        Assert.Equal(Bits(network.Parameters), Bits(loaded.Parameters));
    }

    [Theory]
    [InlineData("\"epoch\": 3,", "\"epoch\": -1,", "-1 is out of range", "$.trainer.epoch")]
    [InlineData("\"random\": \"", "\"random\": \"x", "not a whole number from 0 to", "$.trainer.random")]
    [InlineData("\"bestLoss\": \"", "\"bestLoss\": \"fast", "not a number or Infinity", "$.trainer.bestLoss")]
    [InlineData("\"format\": \"fastnet-checkpoint\"", "\"format\": \"fastnet-model\"", "expected \"fastnet-checkpoint\"", "$.format")]
    [InlineData("\"version\": 2,", "\"version\": 7,", "newer than this FastNet reads", "$.version")]
    [InlineData("\"version\": 2,", "\"version\": 1,", "from an older FastNet", "$.version")]
    [InlineData("\"length\": ", "\"length\": 1", "but the model needs", "$.state.optimizer.length")]
    [InlineData("\"float32le\": \"", "\"float32le\": \"AAAA", "is not base64 of", "$.state.optimizer.float32le")]
    [InlineData("\"checksum\": \"sha256:", "\"checksum\": \"sha256:0", "not \"sha256:\" and 64 hex digits", "$.state.optimizer.checksum")]
    [InlineData("\"activation\": \"tanh\"", "\"activation\": \"gelu\"", "unknown activation \"gelu\"", "$.model.layers[0].activation")]
    public void DamagedCheckpointsAreRefusedWithFileAndPlace(string find, string replace, string problem, string where)
    {
        using var folder = new TempFolder();
        string path = folder.File("c.json");
        var trainer = new Trainer(MakeNetwork(), TestData.Moons(), Options with { Epochs = 3 });
        trainer.Run();
        trainer.SaveCheckpoint(path);
        string text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, ReplaceFirst(text, find, replace));
        var e = Assert.Throws<FastNetFormatException>(() => TrainingCheckpoint.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains(where, e.Message);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
