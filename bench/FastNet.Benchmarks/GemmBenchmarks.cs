using BenchmarkDotNet.Attributes;
using FastNet.Kernels;
using FastNet.Reference;

namespace FastNet.Benchmarks;

/// <summary>
/// c (M×N) = op(a)·op(b) in the three dense-layer forms: the naive reference (baseline) against FastNet's blocked
/// micro-kernels (or its direct small path), on 1 and 2 threads. Shapes: the cubes, the MNIST hidden layer (1024×784×256) and output layer
/// (1024×256×10), the seed-sized 100×2×16 and an odd 127×129×131 that hits every edge.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GemmConfig))]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [], _scratch = [];
    private int _m, _k, _n;
    private SgemmForm _form;

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "256x256x256";

    [ParamsSource(nameof(Forms))]
    public string Form { get; set; } = "nn";

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; } = 1;

    // The full grid is 7 shapes × 3 forms × 2 thread counts; FASTNET_GEMM_SHAPES, FASTNET_GEMM_FORMS and
    // FASTNET_GEMM_THREADS (comma-separated) narrow it, e.g. to the cubes in nn on one thread.
    public static IEnumerable<string> Shapes() =>
        FromEnvironment("FASTNET_GEMM_SHAPES", "256x256x256,512x512x512,1024x1024x1024,1024x784x256,1024x256x10,100x2x16,127x129x131");

    public static IEnumerable<string> Forms() => FromEnvironment("FASTNET_GEMM_FORMS", "nn,tn,nt");

    public static IEnumerable<int> ThreadCounts()
    {
        foreach (string threads in FromEnvironment("FASTNET_GEMM_THREADS", "1,2")) yield return int.Parse(threads);
    }

    private static string[] FromEnvironment(string variable, string defaults) =>
        (Environment.GetEnvironmentVariable(variable) ?? defaults).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = ParseShape(Shape);
        _form = Enum.Parse<SgemmForm>(Form, ignoreCase: true);
        var random = new Random(1);
        _a = Random(random, _m * _k);
        _b = Random(random, _k * _n);
        _c = new float[_m * _n];
        _scratch = new float[Sgemm.ScratchLength(_m, _k, _n, Threads)];

        // validate once against the reference, within the float rounding bound of a k-term sum of terms in [−1, 1]
        var expected = new float[_m * _n];
        Reference();
        _c.CopyTo(expected, 0);
        FastNet();
        double bound = (_k + 2) * Math.Pow(2, -23) * _k;
        for (int i = 0; i < expected.Length; i++)
            if (!(Math.Abs(_c[i] - expected[i]) <= bound))
                throw new InvalidOperationException($"{Shape} {Form}: FastNet {_c[i]} differs from the reference {expected[i]} at {i}");
    }

    [Benchmark(Baseline = true)]
    public void Reference()
    {
        switch (_form)
        {
            case SgemmForm.NN: ReferenceKernels.GemmNN(_a, _b, _c, _m, _k, _n, accumulate: false); break;
            case SgemmForm.TN: ReferenceKernels.GemmTN(_a, _b, _c, _m, _k, _n, accumulate: false); break;
            default: ReferenceKernels.GemmNT(_a, _b, _c, _m, _k, _n, accumulate: false); break;
        }
    }

    [Benchmark]
    public void FastNet() =>
        Sgemm.Multiply(_form, _a, _b, _c, _m, _k, _n, _scratch, accumulate: false, Threads);

    internal static (int M, int K, int N) ParseShape(string shape)
    {
        string[] parts = shape.Split('x');
        return (int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]));
    }

    internal static float[] Random(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
