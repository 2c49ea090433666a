using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FastNet.Reference;
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
    private const float SeedLearningRate = 0.5f;   // the seed's (and `fastnet demo`'s)
    private Workload _seed = null!, _mnist = null!;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _seed = new Workload(new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse), 2, 100, Threads,
            Moons(100), SeedLearningRate);
        var random = new Random(2);
        _mnist = new Workload(new NetworkBuilder(784).Dense(256, Activation.Sigmoid).Dense(10, Activation.Softmax).WithLoss(Loss.CrossEntropy),
            784, 1024, Threads, GemmBenchmarks.Random(random, 1024 * 784), LearningRate);
        _seed.Validate();
        _mnist.Validate();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("SeedEpoch")]
    public float SeedEpochReference() => _seed.ReferenceStep();

    [Benchmark, BenchmarkCategory("SeedEpoch")]
    public float SeedEpoch() => _seed.Step();

    [Benchmark(Baseline = true), BenchmarkCategory("MnistShapedStep")]
    public float MnistShapedStepReference() => _mnist.ReferenceStep();

    [Benchmark, BenchmarkCategory("MnistShapedStep")]
    public float MnistShapedStep() => _mnist.Step();

    // make_moons-style points (two interleaved half circles, labels 0 and 1) with a little seeded noise, as the seed trains on
    private static float[] Moons(int count)
    {
        var random = new Random(3);
        var x = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            double angle = Math.PI * (i / 2) / (count / 2 - 1);
            bool inner = i % 2 == 1;
            x[2 * i] = (float)((inner ? 1 - Math.Cos(angle) : Math.Cos(angle)) + 0.1 * (random.NextDouble() - 0.5));
            x[2 * i + 1] = (float)((inner ? 0.5 - Math.Sin(angle) : Math.Sin(angle)) + 0.1 * (random.NextDouble() - 0.5));
        }
        return x;
    }

    /// <summary>
    /// One network, its batch, and the reference step over a copy of its parameters. Both restart from the initial
    /// weights every <see cref="RunLength"/> steps, so the benchmark measures the steps of a real 3000-epoch run (as the
    /// seed trains) rather than of a run millions of steps long, whose saturated sigmoids would push the gradients into
    /// subnormal floats that no real training reaches and that cost the FPU a hundred cycles per operation.
    /// </summary>
    private sealed class Workload
    {
        private const int RunLength = 3000;
        private readonly ReferenceTraining _reference;
        private readonly float[] _initial, _parameters, _gradients;
        private readonly OptimizerOptions _optimizer;
        private readonly TrainingStep _trainingStep;
        private int _step, _referenceStep;

        public Workload(NetworkBuilder builder, int inputs, int batch, int threads, float[] x, float learningRate)
        {
            Network = builder.WithSeed(1).WithMaxBatch(batch).WithThreads(threads).Build();
            Batch = batch;
            X = x;
            T = new float[batch * Network.Outputs];
            for (int i = 0; i < batch; i++)
                if (Network.Outputs == 1) T[i] = i % 2;
                else T[i * Network.Outputs + i % Network.Outputs] = 1f;
            _optimizer = new OptimizerOptions { LearningRate = learningRate };
            _trainingStep = new TrainingStep(Network, batch, _optimizer);
            _reference = new ReferenceTraining(inputs, Network.Layers, Network.Loss, batch);
            _initial = Network.Parameters.ToArray();
            _parameters = (float[])_initial.Clone();
            _gradients = new float[_parameters.Length];
        }

        public Network Network { get; }
        public int Batch { get; }
        public float[] X { get; }
        public float[] T { get; }

        // forward, loss, backward, update with FastNet
        public float Step()
        {
            if (++_step % RunLength == 0) _initial.CopyTo(Network.Parameters);
            return _trainingStep.Run(X, T, _optimizer.LearningRate);
        }

        // the same with the reference kernels, then w ← w − lr·dw
        public float ReferenceStep()
        {
            if (++_referenceStep % RunLength == 0) _initial.CopyTo(_parameters, 0);
            float loss = _reference.Gradients(_parameters, X, T, Batch, _gradients);
            float rate = _optimizer.LearningRate;
            for (int i = 0; i < _parameters.Length; i++) _parameters[i] -= rate * _gradients[i];
            return loss;
        }

        // the two paths start from the same parameters and must agree on the first loss
        public void Validate()
        {
            _trainingStep.Forward(X);
            float fast = _trainingStep.Loss(T);
            float reference = _reference.Gradients(_parameters, X, T, Batch, _gradients);
            if (!(Math.Abs(fast - reference) <= 1e-4f * Math.Abs(reference) + 1e-6f))
                throw new InvalidOperationException($"FastNet loss {fast} differs from the reference loss {reference}");
        }
    }
}
