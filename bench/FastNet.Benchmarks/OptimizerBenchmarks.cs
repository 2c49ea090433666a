using FastNet.Reference;
using BenchmarkDotNet.Attributes;
using FastNet.Training;

namespace FastNet.Benchmarks;

/// <summary>
/// One optimizer step over all parameters: the vectorised rule, through the public <see cref="TrainingStep.Update"/>,
/// against its scalar reference (the baseline). The network is one dense unit over Parameters − 1 inputs, so it holds
/// exactly Parameters parameters; its gradients come from one backward pass in the setup.
/// </summary>
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    private float[] _w = [], _dw = [], _s0 = [], _s1 = [];
    private OptimizerOptions _options = new();
    private TrainingStep _step = null!;

    [Params(6 * 512 + 7, 100_003)]
    public int Parameters { get; set; }

    [Params(OptimizerKind.Momentum, OptimizerKind.Adam, OptimizerKind.Rprop)]
    public OptimizerKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _options = new OptimizerOptions { Kind = Kind, LearningRate = 1e-3f, WeightDecay = 1e-4f };
        Network network = new NetworkBuilder(Parameters - 1).Dense(1, Activation.Identity).WithLoss(Loss.Sse).WithSeed(1).WithMaxBatch(1).Build();
        _step = new TrainingStep(network, 1, _options);
        var random = new Random(1);
        float[] x = new float[network.Inputs];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() - 0.5);
        _step.Forward(x);
        _step.Loss([1f]);
        _step.Backward();

        _w = network.Parameters.ToArray();
        _dw = _step.Gradients.ToArray();
        _s0 = new float[Parameters];
        _s1 = new float[Parameters];
        if (Kind == OptimizerKind.Rprop) _s1.AsSpan().Fill(_options.LearningRate);   // iRPROP−'s Δ0 = lr, as a run starts
    }

    [Benchmark(Baseline = true)]
    public void Reference()
    {
        OptimizerOptions o = _options;
        switch (Kind)
        {
            case OptimizerKind.Momentum: ReferenceRules.Momentum(o.LearningRate, o.Momentum, false, o.WeightDecay, _w, _dw, _s0); break;
            case OptimizerKind.Adam: ReferenceRules.Adam(o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, 10, o.WeightDecay, _w, _dw, _s0, _s1); break;
            default: ReferenceRules.Rprop(o.RpropIncrease, o.RpropDecrease, o.RpropMinStep, o.RpropMaxStep, o.WeightDecay, _w, _dw, _s0, _s1); break;
        }
    }

    [Benchmark]
    public void Vectorised() => _step.Update(_options.LearningRate);
}
