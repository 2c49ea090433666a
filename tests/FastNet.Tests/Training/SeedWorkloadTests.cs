using FastNet.Cli.Commands;
using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>The seed tutorial through the library: thresholds, determinism, and training that actually learns.</summary>
public class SeedWorkloadTests
{
    private static (Network Network, TrainingHistory History) TrainSeed()
    {
        Dataset data = TestData.Moons();
        Network network = new NetworkBuilder(2)
            .Dense(DemoCommand.Hidden, Activation.Sigmoid)
            .Dense(1, Activation.Sigmoid)
            .WithLoss(Loss.Sse)
            .WithSeed(DemoCommand.Seed)
            .WithMaxBatch(data.Count)
            .Build();
        TrainingHistory history = network.Train(data, new TrainingOptions
        {
            Epochs = DemoCommand.Epochs,
            Optimizer = new OptimizerOptions { LearningRate = DemoCommand.LearningRate },
        });
        return (network, history);
    }

    [Fact]
    public void SeedWorkloadReachesTheTutorialsResults()
    {
        (Network network, TrainingHistory history) = TrainSeed();
        Evaluation evaluation = network.Evaluate(TestData.Moons());
        Assert.True(evaluation.Accuracy >= 0.95, $"accuracy {evaluation.Accuracy}");
        Assert.True(network.Predict([0f, -0.5f])[0] > 0.9f);
        Assert.True(network.Predict([1f, 1f])[0] < 0.1f);
        Assert.Equal(DemoCommand.Epochs, history.Epochs.Count);
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss / 100, "the cost should fall by two orders of magnitude");
    }

    [Fact]
    public void SeedWorkloadIsBitIdenticalAcrossRuns()
    {
        (Network first, TrainingHistory h1) = TrainSeed();
        (Network second, TrainingHistory h2) = TrainSeed();
        Assert.Equal(first.Parameters.ToArray(), second.Parameters.ToArray());
        Assert.Equal(h1.FinalLoss, h2.FinalLoss);
    }

    [Fact]
    public void WarmingUpOnACloneLeavesTheRunBitIdentical()
    {
        // The CLI compiles the loop by training a clone first (JitWarmup); the clone must share nothing.
        (Network plain, _) = TrainSeed();
        Dataset data = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(DemoCommand.Hidden, Activation.Sigmoid).Dense(1, Activation.Sigmoid)
            .WithSeed(DemoCommand.Seed).WithMaxBatch(data.Count).Build();
        var options = new TrainingOptions { Epochs = DemoCommand.Epochs, Optimizer = new OptimizerOptions { LearningRate = DemoCommand.LearningRate } };
        Network clone = network.Clone();
        Assert.Equal(network.Parameters.ToArray(), clone.Parameters.ToArray());
        FastNet.Cli.JitWarmup.Training(network, data, options);
        network.Train(data, options);
        Assert.Equal(plain.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void SameSeedSameWeightsDifferentSeedDifferentWeights()
    {
        float[] Weights(ulong seed) => new NetworkBuilder(3).Dense(5, Activation.Tanh).Dense(2, Activation.Identity).WithSeed(seed).Build().Parameters.ToArray();
        Assert.Equal(Weights(7), Weights(7));
        Assert.NotEqual(Weights(7), Weights(8));
    }

    [Fact]
    public void GlorotAndHeInitialisationStayWithinTheirLimits()
    {
        Network network = new NetworkBuilder(30).Dense(20, Activation.Sigmoid).Dense(10, Activation.Relu, bias: false).WithSeed(3).Build();
        float glorot = MathF.Sqrt(6f / (30 + 20)), he = MathF.Sqrt(6f / 20);
        Assert.All(network.Weights(0).ToArray(), w => Assert.InRange(w, -glorot, glorot));
        Assert.All(network.Weights(1).ToArray(), w => Assert.InRange(w, -he, he));
        Assert.True(network.Weights(1).ToArray().Max() > he * 0.8f, "He weights should fill their range");
        Assert.All(network.Bias(0).ToArray(), b => Assert.Equal(0f, b));
        Assert.Equal(0, network.Bias(1).Length);
    }

    [Fact]
    public void MiniBatchesInDatasetOrderAreDeterministicAndLearn()
    {
        Dataset data = TestData.Moons();
        Network Train(bool shuffle) => Trained(data, new TrainingOptions
        {
            Epochs = 1000, BatchSize = 16, Shuffle = shuffle, Seed = 5,
            Optimizer = new OptimizerOptions { LearningRate = 1f },
        });
        Network a = Train(false), b = Train(false), c = Train(true), d = Train(true);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.Equal(c.Parameters.ToArray(), d.Parameters.ToArray());
        Assert.NotEqual(a.Parameters.ToArray(), c.Parameters.ToArray());
        Assert.True(a.Evaluate(data).Accuracy >= 0.95, $"in order: accuracy {a.Evaluate(data).Accuracy}");
        Assert.True(c.Evaluate(data).Accuracy >= 0.95, $"shuffled: accuracy {c.Evaluate(data).Accuracy}");
    }

    [Fact]
    public void ABatchLargerThanTheInferencePlanTrainsAsOnALargerPlan()
    {
        // The trainer plans its own memory for its batch: the network's MaxBatch only sizes prediction chunks.
        Dataset data = TestData.Moons();
        Network Train(int maxBatch)
        {
            Network network = new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithMaxBatch(maxBatch).Build();
            network.Train(data, new TrainingOptions { Epochs = 20 });   // full batch: more rows than a plan of 50
            return network;
        }
        Assert.Equal(Train(data.Count).Parameters.ToArray(), Train(50).Parameters.ToArray());
    }

    [Fact]
    public void PredictSplitsBatchesLargerThanThePlanAndAgreesWithSmallBatches()
    {
        Network network = new NetworkBuilder(3).Dense(6, Activation.Tanh).Dense(2, Activation.Sigmoid).WithMaxBatch(4).WithSeed(2).Build();
        float[] x = TestData.Uniform(3 * 11, 12);
        float[] all = network.Predict(x);
        // One sample alone and the same sample inside a split batch agree bit for bit: each output is the same dot
        // product in the same order, and every lane of the vector activations has the scalar path's bits.
        for (int i = 0; i < 11; i++)
        {
            float[] alone = network.Predict(x.AsSpan(3 * i, 3));
            for (int k = 0; k < 2; k++) Assert.Equal(BitConverter.SingleToInt32Bits(alone[k]), BitConverter.SingleToInt32Bits(all[2 * i + k]));
        }
    }

    [Theory]
    [InlineData(Loss.Mse, Activation.Sigmoid)]
    [InlineData(Loss.Bce, Activation.Sigmoid)]
    public void OtherLossesAlsoLearnMoons(Loss loss, Activation output)
    {
        Dataset data = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(8, Activation.Tanh).Dense(1, output).WithLoss(loss).WithSeed(4).WithMaxBatch(100).Build();
        network.Train(data, new TrainingOptions { Epochs = 3000, Optimizer = new OptimizerOptions { LearningRate = 2f } });
        Assert.True(network.Evaluate(data).Accuracy >= 0.95, $"{loss}: accuracy {network.Evaluate(data).Accuracy}");
    }

    [Fact]
    public void SoftmaxCrossEntropyLearnsTwoClassMoons()
    {
        Dataset data = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(8, Activation.Relu).Dense(2, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(4).WithMaxBatch(100).Build();
        network.Train(data, new TrainingOptions { Epochs = 2000, Optimizer = new OptimizerOptions { LearningRate = 1f } });
        Assert.True(network.Evaluate(data).Accuracy >= 0.95, $"accuracy {network.Evaluate(data).Accuracy}");
        float[] p = network.Predict([0f, -0.5f]);
        Assert.Equal(1f, p[0] + p[1], 1e-6f);
        Assert.True(p[1] > 0.9f);
    }

    [Theory]
    [InlineData(Loss.CrossEntropy, Activation.Sigmoid, "ce loss needs a softmax output")]
    [InlineData(Loss.Sse, Activation.Softmax, "softmax output layer is only valid with the ce loss")]
    [InlineData(Loss.Bce, Activation.Tanh, "bce loss needs a sigmoid output")]
    public void InvalidLossAndOutputCombinationsAreRefused(Loss loss, Activation output, string message)
    {
        var e = Assert.Throws<FastNetException>(() => new NetworkBuilder(2).Dense(3, output).WithLoss(loss).Build());
        Assert.Contains(message, e.Message);
    }

    private static Network Trained(Dataset data, TrainingOptions options)
    {
        Network network = new NetworkBuilder(2).Dense(8, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithSeed(1).WithMaxBatch(16).Build();
        network.Train(data, options);
        return network;
    }
}
