using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>Validation, early stopping, the divergence policy, schedules, shuffling and partial batches through the Trainer.</summary>
public class TrainingPolicyTests
{
    private static Network Moons(int hidden = 8, ulong seed = 1, int maxBatch = 100) =>
        new NetworkBuilder(2).Dense(hidden, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).WithSeed(seed).WithMaxBatch(maxBatch).Build();

    // a regression y = 3x₀ − 2x₁ on 40 points: identity output, mse; a large rate makes it blow up
    private static Dataset Line()
    {
        float[] x = TestData.Uniform(80, 3);
        var t = new float[40];
        for (int i = 0; i < 40; i++) t[i] = 3 * x[2 * i] - 2 * x[2 * i + 1];
        return new Dataset(x, 2, targets: t, targetWidth: 1);
    }

    private static Network LineNetwork() =>
        new NetworkBuilder(2).Dense(4, Activation.Identity).Dense(1, Activation.Identity).WithLoss(Loss.Mse).WithSeed(2).WithMaxBatch(40).Build();

    [Theory]
    [InlineData(OptimizerKind.Sgd, 1f, 10)]
    [InlineData(OptimizerKind.Momentum, 0.5f, 0)]
    [InlineData(OptimizerKind.Nesterov, 0.5f, 0)]
    [InlineData(OptimizerKind.Adam, 0.05f, 16)]
    [InlineData(OptimizerKind.Rprop, 0.1f, 0)]
    public void EveryOptimizerLearnsMoons(OptimizerKind kind, float lr, int batch)
    {
        Dataset data = TestData.Moons();
        Network network = Moons();
        TrainingHistory history = network.Train(data, new TrainingOptions
        {
            Epochs = 400, BatchSize = batch, Seed = 3, Optimizer = new OptimizerOptions { Kind = kind, LearningRate = lr },
        });
        Assert.True(network.Evaluate(data).Accuracy >= 0.97, $"{kind}: accuracy {network.Evaluate(data).Accuracy}");
        Assert.True(history.FinalLoss < history.Epochs[0].Loss / 5, $"{kind}: loss {history.Epochs[0].Loss} → {history.FinalLoss}");
        Assert.Equal(history.FinalLoss, history.Epochs[^1].Loss);
        Assert.NotNull(history.Epochs[^1].Accuracy);
    }

    [Fact]
    public void EarlyStoppingStopsAfterThePatienceAndRestoresTheBestEpochsWeights()
    {
        // 64 tanh units on 50 noisy-ish training points with a large Adam step overfit: the validation loss turns up.
        Dataset data = TestData.Moons();
        Network network = Moons(hidden: 64, maxBatch: 100);
        var snapshots = new List<float[]>();
        const int patience = 10;
        TrainingHistory history = new Trainer(network, data, new TrainingOptions
        {
            Epochs = 2000, BatchSize = 8, Seed = 4, ValidationFraction = 0.5, Patience = patience,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.05f },
        }).Run(_ => snapshots.Add(network.Parameters.ToArray()));

        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch + patience, history.Epochs.Count);
        double best = double.PositiveInfinity;
        foreach (EpochRecord e in history.Epochs) best = Math.Min(best, e.ValidationLoss!.Value);
        Assert.Equal(best, history.Epochs[history.BestEpoch - 1].ValidationLoss);
        Assert.Equal(snapshots[history.BestEpoch - 1], network.Parameters.ToArray());
        Assert.NotEqual(snapshots[^1], network.Parameters.ToArray());
    }

    [Fact]
    public void ValidationSplitIsSeededAndMeasuredEveryEpoch()
    {
        Dataset data = TestData.Moons();
        TrainingHistory Run(ulong seed) => Moons().Train(data, new TrainingOptions
        {
            Epochs = 5, BatchSize = 10, Seed = seed, ValidationFraction = 0.3,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
        });
        TrainingHistory a = Run(1), b = Run(1), c = Run(2);
        Assert.All(a.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.All(a.Epochs, e => Assert.InRange(e.ValidationAccuracy!.Value, 0, 1));
        Assert.Equal(a.Epochs.Select(e => e.ValidationLoss), b.Epochs.Select(e => e.ValidationLoss));
        Assert.NotEqual(a.Epochs.Select(e => e.ValidationLoss), c.Epochs.Select(e => e.ValidationLoss));
        (Dataset train, Dataset held) = data.Split(0.3, 1);
        Assert.Equal((70, 30), (train.Count, held.Count));
    }

    [Fact]
    public void TheValidationSplitIsStratifiedByClassAndKeepsEverySampleOnce()
    {
        // 90 samples of class 0, 10 of class 1: a 20 % split holds out 18 and 2
        var labels = new int[100];
        for (int i = 90; i < 100; i++) labels[i] = 1;
        float[] x = new float[100];
        for (int i = 0; i < 100; i++) x[i] = i;
        var data = new Dataset(x, 1, labels);
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            (Dataset train, Dataset held) = data.Split(0.2, seed);
            Assert.Equal(2, held.Labels.ToArray().Count(l => l == 1));
            Assert.Equal(18, held.Labels.ToArray().Count(l => l == 0));
            float[] all = [.. train.Features.ToArray(), .. held.Features.ToArray()];
            Array.Sort(all);
            Assert.Equal(x, all);
            Assert.True(held.Features.ToArray().SequenceEqual(held.Features.ToArray().Order()), "held-out samples keep their order");
        }
        Assert.NotEqual(data.Split(0.2, 1).Test.Features.ToArray(), data.Split(0.2, 2).Test.Features.ToArray());
    }

    [Fact]
    public void ASeparateValidationSetIsMeasuredAsEvaluateWould()
    {
        Dataset data = TestData.Moons();
        (Dataset train, Dataset held) = data.Split(0.25, 9);
        Network network = Moons();
        TrainingHistory history = network.Train(train, new TrainingOptions { Epochs = 20, Validation = held, Optimizer = new OptimizerOptions { LearningRate = 1f } });
        Evaluation evaluation = network.Evaluate(held);
        Assert.Equal(evaluation.Loss, history.Epochs[^1].ValidationLoss!.Value, 1e-12);
        Assert.Equal(evaluation.Accuracy, history.Epochs[^1].ValidationAccuracy);
    }

    [Fact]
    public void ADivergentRunStopsKeepsTheLastGoodFiniteWeightsAndSaysSo()
    {
        Dataset data = Line();
        Network network = LineNetwork();
        var snapshots = new List<float[]>();
        TrainingHistory history = new Trainer(network, data, new TrainingOptions { Epochs = 200, Optimizer = new OptimizerOptions { LearningRate = 50f } })
            .Run(_ => snapshots.Add(network.Parameters.ToArray()));

        Assert.True(history.Diverged);
        Assert.True(history.Epochs.Count < 200);
        Assert.All(network.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
        // the last finite weights whose loss is finite too: the last epoch's, or the one before when those overflow the loss
        Assert.True(snapshots.Count >= 2, $"diverged too early ({snapshots.Count} good epochs) to tell");
        int kept = history.Message!.Contains($"kept the weights of epoch {snapshots.Count}.") ? snapshots.Count : snapshots.Count - 1;
        Assert.Contains($"kept the weights of epoch {kept}.", history.Message);
        Assert.Equal(snapshots[kept - 1], network.Parameters.ToArray());
        Assert.True(double.IsFinite(network.Evaluate(data).Loss));
        Assert.Contains($"diverged at epoch {history.Epochs.Count + 1}", history.Message);
        Assert.Contains("smaller learning rate", history.Message);
        Assert.All(history.Epochs, e => Assert.True(double.IsFinite(e.Loss)));

        using var folder = new TempFolder();
        FastNet.Serialization.ModelFile.Save(network, folder.File("m.json"));
        Assert.DoesNotContain("NaN", File.ReadAllText(folder.File("m.json")));
    }

    [Fact]
    public void HalvingTheRateOnDivergenceRecoversAndFinishes()
    {
        Dataset data = Line();
        Network network = LineNetwork();
        TrainingHistory history = network.Train(data, new TrainingOptions
        {
            // ten updates per epoch at lr 50 overflow inside the first epoch, so the retries start from the initial weights
            Epochs = 300, BatchSize = 4, OnDivergence = DivergencePolicy.Halve, Optimizer = new OptimizerOptions { LearningRate = 50f },
        });
        Assert.False(history.Diverged, history.Message);
        Assert.Null(history.Message);
        Assert.True(history.Halvings > 0);
        Assert.Equal(300, history.Epochs.Count);
        Assert.Equal(50f / (1 << history.Halvings), history.Epochs[^1].LearningRate);
        Assert.True(history.FinalLoss < 1e-3, $"loss {history.FinalLoss}");
    }

    [Fact]
    public void TheScheduleSetsEachEpochsLearningRate()
    {
        Dataset data = TestData.Moons();
        TrainingHistory history = Moons().Train(data, new TrainingOptions
        {
            Epochs = 7, Schedule = LearningRateSchedule.Step(3, 0.5f), Optimizer = new OptimizerOptions { LearningRate = 0.8f },
        });
        Assert.Equal([0.8f, 0.8f, 0.8f, 0.4f, 0.4f, 0.4f, 0.2f], history.Epochs.Select(e => e.LearningRate));
    }

    [Fact]
    public void ShuffledMiniBatchesAreBitIdenticalPerSeedAndTheLastPartialBatchIsUsed()
    {
        Dataset data = TestData.Moons();
        float[] Train(ulong seed)
        {
            Network network = Moons(maxBatch: 32);
            var trainer = new Trainer(network, data, new TrainingOptions
            {
                Epochs = 30, BatchSize = 32, Seed = seed, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
            });
            trainer.Run();
            Assert.Equal(30 * 4, trainer.StepCount);   // 100 samples in batches of 32: 32, 32, 32 and 4
            return network.Parameters.ToArray();
        }
        Assert.Equal(Train(6), Train(6));
        Assert.NotEqual(Train(6), Train(7));
    }

    [Fact]
    public void ANewTrainerStartsTheOptimizerStateAfresh()
    {
        // Adam's moments and iRPROP−'s steps left by an earlier run must not leak into the next one.
        Dataset data = TestData.Moons();
        foreach (OptimizerKind kind in new[] { OptimizerKind.Adam, OptimizerKind.Rprop })
        {
            var options = new TrainingOptions { Epochs = 5, Optimizer = new OptimizerOptions { Kind = kind, LearningRate = 0.05f } };
            Network used = Moons(), fresh = Moons();
            used.Train(data, options);
            used.Parameters.CopyTo(fresh.Parameters);
            used.Train(data, options);
            fresh.Train(data, options);
            Assert.Equal(fresh.Parameters.ToArray(), used.Parameters.ToArray());
        }
    }

    [Fact]
    public void TrainingOptionsThatCannotWorkAreRefused()
    {
        Dataset data = TestData.Moons();
        Assert.Contains("needs validation data", Assert.Throws<TrainingOptionException>(() => new Trainer(Moons(), data, new TrainingOptions { Patience = 3 })).Message);
        Assert.Contains("not both", Assert.Throws<TrainingOptionException>(() =>
            new Trainer(Moons(), data, new TrainingOptions { ValidationFraction = 0.2, Validation = data })).Message);
        Assert.Contains("rprop needs full batches", Assert.Throws<TrainingOptionException>(() =>
            new Trainer(Moons(), data, new TrainingOptions { BatchSize = 10, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Rprop } })).Message);
    }
}
