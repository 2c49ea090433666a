using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FastNet.Kernels.Reference;
using FastNet.Training;

namespace FastNet.Benchmarks;

/// <summary>
/// Whole training steps (forward, loss, backward, update): the seed's epoch (2-4-1 sigmoid, sse, 100 samples, full
/// batch) and an MNIST-shaped step (784-256-10, sigmoid hidden, softmax + ce, 1024 samples), each against the same
/// step written with the naive reference kernels.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TrainingBenchmarks
{
    private const float LearningRate = 0.1f;
    private readonly OptimizerOptions _optimizer = new() { LearningRate = LearningRate };
    private Workload _seed = null!, _mnist = null!;
    private int _step;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _seed = new Workload(new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse), 2, 100, Threads);
        _mnist = new Workload(new NetworkBuilder(784).Dense(256, Activation.Sigmoid).Dense(10, Activation.Softmax).WithLoss(Loss.CrossEntropy),
            784, 1024, Threads);
        _seed.Validate();
        _mnist.Validate();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("SeedEpoch")]
    public float SeedEpochReference() => _seed.ReferenceStep();

    [Benchmark, BenchmarkCategory("SeedEpoch")]
    public float SeedEpoch() => _seed.Network.TrainStep(_seed.X, _seed.T, _seed.Batch, _optimizer, LearningRate, ++_step);

    [Benchmark(Baseline = true), BenchmarkCategory("MnistShapedStep")]
    public float MnistShapedStepReference() => _mnist.ReferenceStep();

    [Benchmark, BenchmarkCategory("MnistShapedStep")]
    public float MnistShapedStep() => _mnist.Network.TrainStep(_mnist.X, _mnist.T, _mnist.Batch, _optimizer, LearningRate, ++_step);

    /// <summary>One network, its batch, and the reference step over a copy of its parameters.</summary>
    private sealed class Workload
    {
        private readonly ReferenceTraining _reference;
        private readonly float[] _parameters, _gradients;

        public Workload(NetworkBuilder builder, int inputs, int batch, int threads)
        {
            Network = builder.WithSeed(1).WithMaxBatch(batch).WithThreads(threads).Build();
            Batch = batch;
            var random = new Random(2);
            X = GemmBenchmarks.Random(random, batch * inputs);
            T = new float[batch * Network.Outputs];
            for (int i = 0; i < batch; i++)
                if (Network.Outputs == 1) T[i] = i % 2;
                else T[i * Network.Outputs + i % Network.Outputs] = 1f;
            _reference = new ReferenceTraining(inputs, Network.Layers, Network.Loss, batch);
            _parameters = Network.Parameters.ToArray();
            _gradients = new float[_parameters.Length];
        }

        public Network Network { get; }
        public int Batch { get; }
        public float[] X { get; }
        public float[] T { get; }

        // forward, loss, backward with the reference kernels, then w ← w − lr·dw
        public float ReferenceStep()
        {
            float loss = _reference.Gradients(_parameters, X, T, Batch, _gradients);
            for (int i = 0; i < _parameters.Length; i++) _parameters[i] -= LearningRate * _gradients[i];
            return loss;
        }

        // the two paths start from the same parameters and must agree on the first loss
        public void Validate()
        {
            float fast = Network.ComputeGradients(X, T, Batch, inputGradient: false);
            float reference = _reference.Gradients(_parameters, X, T, Batch, _gradients);
            if (!(Math.Abs(fast - reference) <= 1e-4f * Math.Abs(reference) + 1e-6f))
                throw new InvalidOperationException($"FastNet loss {fast} differs from the reference loss {reference}");
        }
    }
}
