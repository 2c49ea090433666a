using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using FastNet.Kernels;
using FastNet.Reference;

namespace FastNet.Benchmarks;

/// <summary>
/// a = f(z) over a row: the scalar reference (baseline), TensorPrimitives, and FastNet's own operators (the ones the
/// GEMM epilogue fuses), at a seed-sized, a round and an odd length.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class ActivationBenchmarks
{
    private float[] _z = [], _a = [];

    [Params(100, 1024, 6 * 512 + 7)]
    public int Length { get; set; } = 100;

    [Params(Activation.Sigmoid, Activation.Tanh)]
    public Activation Activation { get; set; } = Activation.Sigmoid;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _z = new float[Length];
        for (int i = 0; i < Length; i++) _z[i] = (float)(random.NextDouble() * 20 - 10);
        _a = new float[Length];
        var expected = new float[Length];
        Reference();
        _a.CopyTo(expected, 0);
        FastNet();
        for (int i = 0; i < Length; i++)
            if (!(Math.Abs(_a[i] - expected[i]) <= 4.8e-7f * Math.Abs(expected[i]) + 1e-30f))
                throw new InvalidOperationException($"{Activation}({_z[i]}): FastNet {_a[i]}, reference {expected[i]}");
    }

    [Benchmark(Baseline = true)]
    public void Reference() => ReferenceKernels.ActivationForward(Activation, _z, _a, 1, Length);

    [Benchmark]
    public void TensorPrimitives()
    {
        if (Activation == Activation.Sigmoid) System.Numerics.Tensors.TensorPrimitives.Sigmoid(_z, _a);
        else System.Numerics.Tensors.TensorPrimitives.Tanh(_z, _a);
    }

    [Benchmark]
    public void FastNet() => ActivationKernels.Forward(Activation, _z, _a, 1, Length);
}
