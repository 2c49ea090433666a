using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>
/// The training API a custom loop needs: any batch size without naming a plan, the best weights restored by hand, no
/// epoch after early stopping, progress and cancellation, a history built by hand, checkpoints through streams,
/// argument errors as ArgumentException, and a divergence message that fits the policy.
/// </summary>
public class TrainingApiTests
{
    [Fact]
    public void AThousandSamplesTrainInOneFullBatchWithTheDefaultPlanAndWarmCallsAllocateNothing()
    {
        Dataset data = SyntheticData.Moons(1000, 0.1, 4);
        Network net = new NetworkBuilder(2).Dense(8, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).WithSeed(4).Build();
        Assert.Equal(256, net.MaxBatch);
        var trainer = new Trainer(net, data, new TrainingOptions { Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.05f } });
        for (int i = 0; i < 20; i++) trainer.RunEpoch();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) trainer.RunEpoch();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        using var stream = new MemoryStream();
        ModelFile.Save(net, stream);
        stream.Position = 0;
        Network loaded = ModelFile.Load(stream);                     // planned for 256 rows, whatever it was trained with
        var y = new float[data.Count];
        loaded.Predict(data.Features, y);
        before = GC.GetAllocatedBytesForCurrentThread();
        loaded.Predict(data.Features, y);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(net.Predict(data.Features), y);
        TrainingHistory again = loaded.Train(data, new TrainingOptions { Epochs = 3 });
        Assert.Equal(3, again.Epochs.Count);
    }

    [Fact]
    public void ACustomLoopRestoresTheBestWeightsAndNoEpochRunsAfterEarlyStopping()
    {
        Dataset all = SyntheticData.Moons(300, 0.3, 5);
        (Dataset train, Dataset validation) = all.Split(0.3, 5);
        Network net = new NetworkBuilder(2).Dense(32, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).WithSeed(5).Build();
        var options = new TrainingOptions
        {
            Epochs = 3000, Validation = validation, Patience = 10,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.05f },
        };
        var trainer = new Trainer(net, train, options);
        var history = new TrainingHistory();
        while (trainer.Epoch < options.Epochs && !trainer.StoppedEarly)
        {
            trainer.RunEpoch();
            history.Add(trainer.LastEpoch);
        }
        Assert.True(trainer.StoppedEarly);
        Assert.InRange(trainer.BestEpoch, 1, trainer.Epoch - options.Patience);
        Assert.Throws<InvalidOperationException>(() => trainer.RunEpoch());

        double lastLoss = net.Evaluate(validation).Loss;
        Assert.True(trainer.RestoreBestWeights());
        double restored = net.Evaluate(validation).Loss;
        Assert.Equal(history.Epochs[trainer.BestEpoch - 1].ValidationLoss!.Value, restored);
        Assert.True(restored < lastLoss);

        history.BestEpoch = trainer.BestEpoch;
        history.StoppedEarly = true;
        using var json = new MemoryStream();
        history.Save(json);
        string text = System.Text.Encoding.UTF8.GetString(json.ToArray());
        Assert.Contains("\"epochs\"", text);
        Assert.Matches("\"stoppedEarly\":\\s*true", text);
    }

    [Fact]
    public void RestoringBestWeightsNeedsEarlyStopping()
    {
        Network net = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).Build();
        var trainer = new Trainer(net, TestData.Moons(), new TrainingOptions { Epochs = 2 });
        trainer.RunEpoch();
        Assert.Throws<InvalidOperationException>(() => trainer.RestoreBestWeights());
    }

    [Fact]
    public void TrainReportsEveryEpochToAnIProgressAndStopsWhenCancelled()
    {
        Dataset data = TestData.Moons();
        Network net = new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithSeed(1).Build();
        using var cancel = new CancellationTokenSource();
        var progress = new Recorder(cancelAt: 7, cancel);
        TrainingHistory history = net.Train(data, new TrainingOptions { Epochs = 100 }, progress, cancel.Token);
        Assert.True(history.Cancelled);
        Assert.Equal(7, history.Epochs.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], progress.Epochs);
    }

    [Fact]
    public void CheckpointsGoThroughStreams()
    {
        Dataset data = TestData.Moons();
        var options = new TrainingOptions { Epochs = 6, BatchSize = 10, Seed = 3, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f } };
        Network whole = new NetworkBuilder(2).Dense(4, Activation.Tanh).Dense(1, Activation.Sigmoid).WithSeed(3).Build();
        whole.Train(data, options);

        Network half = new NetworkBuilder(2).Dense(4, Activation.Tanh).Dense(1, Activation.Sigmoid).WithSeed(3).Build();
        var trainer = new Trainer(half, data, options);
        for (int i = 0; i < 3; i++) trainer.RunEpoch();
        using var stream = new MemoryStream();
        trainer.SaveCheckpoint(stream);
        stream.Position = 0;
        Trainer resumed = Trainer.Resume(TrainingCheckpoint.Load(stream), data, options);
        resumed.Run();
        Assert.Equal(whole.Parameters.ToArray(), resumed.Network.Parameters.ToArray());
    }

    [Fact]
    public void SpansOfTheWrongLengthAreArgumentErrors()
    {
        Network net = new NetworkBuilder(2).Dense(3, Activation.Softmax).WithLoss(Loss.CrossEntropy).Build();
        Assert.Throws<ArgumentException>(() => net.Predict(new float[3], new float[3]));
        Assert.Throws<ArgumentException>(() => net.Predict(new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => net.PredictClass(new float[3]));
        Assert.Throws<ArgumentException>(() => net.PredictClasses(new float[4], new int[1]));
        Assert.Throws<ArgumentException>(() => net.PredictProbabilities(new float[2], new float[2]));
        Predictor predictor = net.CreatePredictor();
        Assert.Throws<ArgumentException>(() => predictor.Predict(new float[3], new float[3]));
        Assert.Throws<ArgumentNullException>(() => net.Train(null!, new TrainingOptions()));
    }

    [Theory]
    [InlineData(DivergencePolicy.Halve, false)]
    [InlineData(DivergencePolicy.Stop, true)]
    public void TheDivergenceMessageSuggestsHalvingOnlyWhenItWasNotTried(DivergencePolicy policy, bool suggestsHalving)
    {
        float[] x = TestData.Uniform(80, 3);
        var t = new float[40];
        for (int i = 0; i < 40; i++) t[i] = 3 * x[2 * i] - 2 * x[2 * i + 1];
        var data = new Dataset(x, 2, targets: t, targetWidth: 1);
        Network net = new NetworkBuilder(2).Dense(4, Activation.Identity).Dense(1, Activation.Identity).WithLoss(Loss.Mse).WithSeed(2).Build();
        TrainingHistory history = net.Train(data, new TrainingOptions
        {
            Epochs = 10, BatchSize = 4, OnDivergence = policy, Optimizer = new OptimizerOptions { LearningRate = 1e30f },
        });
        Assert.True(history.Diverged);
        Assert.Equal(policy == DivergencePolicy.Halve ? Trainer.MaxHalvings : 0, history.Halvings);
        Assert.Equal(suggestsHalving, history.Message!.Contains("halving the rate", StringComparison.Ordinal));
    }

    private sealed class Recorder(int cancelAt, CancellationTokenSource cancel) : IProgress<EpochRecord>
    {
        public List<int> Epochs { get; } = [];

        public void Report(EpochRecord value)
        {
            Epochs.Add(value.Epoch);
            if (value.Epoch == cancelAt) cancel.Cancel();
        }
    }
}
