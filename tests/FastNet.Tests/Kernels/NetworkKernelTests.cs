using FastNet.Reference;
using FastNet.Training;

namespace FastNet.Tests.Kernels;

/// <summary>The whole fused, blocked (and threaded) training step against the reference step built from naive kernels.</summary>
public class NetworkKernelTests
{
    public static TheoryData<string> Networks() => ["seed", "deep", "softmax", "bce", "wide"];

    private static (NetworkBuilder Builder, int Inputs, int Batch) Describe(string name) => name switch
    {
        "seed" => (new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse), 2, 100),
        "deep" => (new NetworkBuilder(5).Dense(33, Activation.Tanh).Dense(17, Activation.Relu, bias: false).Dense(3, Activation.Identity).WithLoss(Loss.Mse), 5, 70),
        "softmax" => (new NetworkBuilder(40).Dense(70, Activation.Sigmoid).Dense(10, Activation.Softmax).WithLoss(Loss.CrossEntropy), 40, 129),
        "bce" => (new NetworkBuilder(9).Dense(20, Activation.Relu).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce), 9, 50),
        _ => (new NetworkBuilder(300).Dense(200, Activation.Sigmoid).Dense(40, Activation.Tanh).Dense(10, Activation.Softmax).WithLoss(Loss.CrossEntropy), 300, 128),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradients_match_the_reference_step(string name)
    {
        (NetworkBuilder builder, int inputs, int batch) = Describe(name);
        Network net = builder.WithSeed(3).WithMaxBatch(batch).Build();
        (float[] x, float[] t) = Batch(net, inputs, batch);
        var step = new TrainingStep(net, batch, new OptimizerOptions());
        float loss = step.ComputeGradients(x, t, inputGradient: false);
        float[] gradients = step.Gradients.ToArray();

        var reference = new ReferenceTraining(inputs, net.Layers, net.Loss, batch);
        var expected = new float[net.ParameterCount];
        float expectedLoss = reference.Gradients(net.Parameters, x, t, batch, expected);

        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * Math.Abs(expectedLoss) + 1e-6, $"loss {loss} vs {expectedLoss}");
        double scale = 0;
        foreach (float g in expected) scale = Math.Max(scale, Math.Abs(g));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(gradients[i] - expected[i]) <= 1e-4 * scale + 1e-4 * Math.Abs(expected[i]),
                $"{name}: gradient {i} = {gradients[i]}, reference {expected[i]} (largest {scale})");
    }

    [Fact]
    public void Thread_counts_give_identical_bits_for_a_whole_training_run()
    {
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            (NetworkBuilder builder, int inputs, int batch) = Describe("wide");
            Network net = builder.WithSeed(5).WithMaxBatch(batch).WithThreads(threads).Build();
            Assert.Equal(threads, net.MaxDegreeOfParallelism);
            (float[] x, float[] t) = Batch(net, inputs, batch);
            var step = new TrainingStep(net, batch, new OptimizerOptions { LearningRate = 0.1f });
            for (int i = 1; i <= 3; i++) step.Run(x, t, 0.1f);
            float[] parameters = net.Parameters.ToArray();
            if (first == null) first = parameters;
            else Assert.True(first.AsSpan().SequenceEqual(parameters), $"{threads} threads differ from 1");
        }
    }

    [Fact]
    public void A_degree_of_parallelism_below_one_is_refused() =>
        Assert.Throws<FastNetException>(() => new NetworkBuilder(2).Dense(1, Activation.Sigmoid).WithThreads(0).Build());

    private static (float[] X, float[] T) Batch(Network net, int inputs, int batch)
    {
        var random = new Random(11);
        float[] x = GemmOracle.Random(random, batch * inputs, 2f);
        var t = new float[batch * net.Outputs];
        for (int i = 0; i < batch; i++)
        {
            if (net.Loss == Loss.CrossEntropy) t[i * net.Outputs + i % net.Outputs] = 1f;
            else for (int k = 0; k < net.Outputs; k++) t[i * net.Outputs + k] = net.Loss == Loss.Bce ? (i + k) % 2 : (float)random.NextDouble();
        }
        return (x, t);
    }
}
