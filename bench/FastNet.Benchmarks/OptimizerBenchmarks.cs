using FastNet.Reference;
using BenchmarkDotNet.Attributes;
using FastNet.Training;
using FastNet.Training.Rules;

namespace FastNet.Benchmarks;

/// <summary>One optimizer step over all parameters: the vectorised rule against its scalar reference (the baseline).</summary>
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    private float[] _w = [], _dw = [], _state = [];
    private OptimizerOptions _options = new();

    [Params(6 * 512 + 7, 100_003)]
    public int Parameters { get; set; }

    [Params(OptimizerKind.Momentum, OptimizerKind.Adam, OptimizerKind.Rprop)]
    public OptimizerKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _w = new float[Parameters];
        _dw = new float[Parameters];
        _state = new float[Optimizer.StateVectors(Kind) * Parameters];
        for (int i = 0; i < Parameters; i++)
        {
            _w[i] = (float)(random.NextDouble() - 0.5);
            _dw[i] = (float)(random.NextDouble() - 0.5);
        }
        _options = new OptimizerOptions { Kind = Kind, LearningRate = 1e-3f, WeightDecay = 1e-4f };
        Optimizer.Reset(_options, _state, _options.LearningRate);
    }

    [Benchmark(Baseline = true)]
    public void Reference()
    {
        Span<float> s0 = _state.AsSpan(0, Parameters), s1 = _state.AsSpan(Parameters);
        float decay = _options.WeightDecay;
        switch (Kind)
        {
            case OptimizerKind.Momentum: ReferenceRules.Momentum(1e-3f, 0.9f, false, decay, _w, _dw, s0); break;
            case OptimizerKind.Adam: ReferenceRules.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 10, decay, _w, _dw, s0, s1); break;
            default: ReferenceRules.Rprop(1.2f, 0.5f, 1e-6f, 50f, decay, _w, _dw, s0, s1); break;
        }
    }

    [Benchmark]
    public void Vectorised() => Optimizer.Step(_options, 1e-3f, _w, _dw, _state, 10);
}
