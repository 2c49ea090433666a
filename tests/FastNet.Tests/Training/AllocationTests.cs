using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>The zero-allocation contract: warm epochs and span predictions allocate nothing.</summary>
public class AllocationTests
{
    public static TheoryData<int, bool, string> Cases => new()
    {
        { 0, false, "4:sigmoid,1:sigmoid" },
        { 16, false, "8:tanh,1:sigmoid" },
        { 16, true, "8:relu,3:softmax" },
        { 7, true, "5:sigmoid,4:relu,1:identity" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void WarmEpochsAllocateNothing(int batch, bool shuffle, string layers)
    {
        Dataset data = TestData.Moons();
        LayerSpec[] specs = FastNet.Cli.ArgumentParsers.Layers(layers, bias: true);
        Loss loss = specs[^1].Activation == Activation.Softmax ? Loss.CrossEntropy : Loss.Mse;
        var builder = new NetworkBuilder(2).WithLoss(loss).WithMaxBatch(batch == 0 ? data.Count : batch);
        foreach (LayerSpec spec in specs) builder.Add(spec);
        Network network = builder.Build();
        var trainer = new Trainer(network, data, new TrainingOptions { BatchSize = batch, Shuffle = shuffle, Optimizer = new OptimizerOptions { LearningRate = 0.05f } });
        for (int i = 0; i < 50; i++) trainer.RunEpoch();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) trainer.RunEpoch();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, 16)]
    [InlineData(OptimizerKind.Momentum, 16)]
    [InlineData(OptimizerKind.Nesterov, 7)]
    [InlineData(OptimizerKind.Adam, 16)]
    [InlineData(OptimizerKind.Adam, 0)]
    [InlineData(OptimizerKind.Rprop, 0)]
    [InlineData(OptimizerKind.Lbfgs, 0)]
    public void WarmEpochsAllocateNothingForEveryOptimizerWithValidationStandardisationAndASchedule(OptimizerKind kind, int batch)
    {
        Dataset data = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(8, Activation.Relu).Dense(2, Activation.Softmax).WithLoss(Loss.CrossEntropy)
            .WithMaxBatch(batch == 0 ? data.Count : batch).Build();
        var trainer = new Trainer(network, data, new TrainingOptions
        {
            BatchSize = batch, ValidationFraction = 0.2, Patience = 1000, Standardize = true, Schedule = LearningRateSchedule.Exponential(0.999f),
            Optimizer = new OptimizerOptions { Kind = kind, LearningRate = 0.01f, WeightDecay = 1e-4f },
        });
        for (int i = 0; i < 50; i++) trainer.RunEpoch();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) trainer.RunEpoch();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(trainer.Diverged);
    }

    [Fact]
    public void StandardisedPredictionsAndClassesAllocateNothing()
    {
        Network network = new NetworkBuilder(2).Dense(16, Activation.Relu).Dense(3, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithMaxBatch(32).Build();
        network.Standardization = new Standardization([0.5f, -1f], [2f, 0.25f]);
        float[] x = TestData.Uniform(2 * 100, 1);
        float[] y = new float[3 * 100];
        int[] classes = new int[100];
        for (int i = 0; i < 20; i++) network.Predict(x, y);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            network.Predict(x, y);
            network.PredictProbabilities(x, y);
            network.PredictClasses(x, classes);
            network.PredictClass(x.AsSpan(0, 2));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void SpanPredictAllocatesNothing()
    {
        Network network = new NetworkBuilder(2).Dense(16, Activation.Relu).Dense(3, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithMaxBatch(32).Build();
        float[] x = TestData.Uniform(2 * 100, 1);
        float[] y = new float[3 * 100];
        for (int i = 0; i < 20; i++) network.Predict(x, y);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            network.Predict(x, y);
            network.Predict(x.AsSpan(0, 2), y.AsSpan(0, 3));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
