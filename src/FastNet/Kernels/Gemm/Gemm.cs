using FastNet.Kernels.Activations;

namespace FastNet.Kernels;

/// <summary>
/// Single-precision matrix products in the three forms a dense layer needs. All matrices are dense and row-major.
/// Contract (BLAS's beta): with <c>accumulate: false</c> the destination is overwritten and never read, so it may hold
/// garbage or NaN; with <c>accumulate: true</c> the product is added to it. Optionally a bias row and an element-wise
/// activation are applied to the result in the same pass (c = f(a·b + bias)).
/// <para>
/// Tiny products (the seed's 2-4-1 network) take <see cref="SmallGemm"/>, a direct loop with no packing; everything else
/// takes the blocked, packed <see cref="GemmDriver"/> with the micro-kernel of the best instruction set. Products of at
/// least <see cref="ParallelMinWork"/> multiply-adds are split over up to <c>threads</c> threads by rows (or columns) of c
/// at tile boundaries, so each element is computed by one thread in the same order: results are bit-identical for any
/// thread count. Nothing is allocated per call; packing uses the caller's scratch
/// (<see cref="ScratchLength(int, int, int, int)"/> floats).
/// </para>
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Products of at most this many multiply-adds (m·k·n) go to <see cref="SmallGemm"/>.</summary>
    public const long SmallMaxWork = 4096;

    /// <summary>Products of fewer multiply-adds (m·k·n) run on one thread: below it, waking a worker costs more than it saves.</summary>
    public const long ParallelMinWork = 1L << 21;

    [ThreadStatic] private static GemmWork? t_work;

    /// <summary>Floats of scratch one thread needs for the largest product of this shape in any form.</summary>
    public static long ScratchLength(int m, int k, int n) => ScratchLength(m, k, n, 1);

    /// <summary>Floats of scratch for a product of this shape on up to <paramref name="threads"/> threads, on any instruction set.</summary>
    public static long ScratchLength(int m, int k, int n, int threads)
    {
        long perPart = Math.Max(Math.Max(GemmDriver.ScratchLength<GemmMicroKernel512>(m, k, n), GemmDriver.ScratchLength<GemmMicroKernel512Narrow>(m, k, n)),
            Math.Max(GemmDriver.ScratchLength<GemmMicroKernel256>(m, k, n), GemmDriver.ScratchLength<GemmMicroKernelScalar>(m, k, n)));
        return perPart * Math.Max(1, threads);
    }

    /// <summary>c (m×n) = a (m×k) · b (k×n). The forward pass: z = x·W.</summary>
    public static void NN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, Span<float> scratch, int threads = 1) =>
        Run(GemmIsaInfo.Best, GemmForm.NN, a, b, c, m, k, n, accumulate, default, Activation.Identity, scratch, threads);

    /// <summary>c (m×n) = aᵀ · b with a (k×m) and b (k×n). The weight gradient: dW = xᵀ·dz.</summary>
    public static void TN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, Span<float> scratch, int threads = 1) =>
        Run(GemmIsaInfo.Best, GemmForm.TN, a, b, c, m, k, n, accumulate, default, Activation.Identity, scratch, threads);

    /// <summary>c (m×n) = a · bᵀ with a (m×k) and b (n×k). The input gradient: dx = dz·Wᵀ.</summary>
    public static void NT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, Span<float> scratch, int threads = 1) =>
        Run(GemmIsaInfo.Best, GemmForm.NT, a, b, c, m, k, n, accumulate, default, Activation.Identity, scratch, threads);

    /// <summary>c (m×n) = f(a (m×k) · b (k×n) + bias (n)), overwritten; bias may be empty. The fused forward pass a = f(x·W + b).</summary>
    public static void NNBiasActivation(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Activation activation,
        Span<float> c, int m, int k, int n, Span<float> scratch, int threads = 1) =>
        Run(GemmIsaInfo.Best, GemmForm.NN, a, b, c, m, k, n, accumulate: false, bias, activation, scratch, threads);

    /// <summary>
    /// c (m×n) = f(op(a)·op(b) [+ c] + bias) on the given instruction-set path (any path is correct on any machine;
    /// tests call each one). <paramref name="bias"/> may be empty; <paramref name="activation"/> must be element-wise.
    /// <paramref name="small"/> forces (true) or forbids (false) the direct path instead of choosing it by size.
    /// </summary>
    public static void Run(GemmIsa isa, GemmForm form, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool accumulate, ReadOnlySpan<float> bias, Activation activation, Span<float> scratch, int threads, bool? small = null)
    {
        if (m < 0 || k < 0 || n < 0) throw new ArgumentException($"GEMM dimensions must not be negative ({m}×{k}×{n})");
        CheckShapes(a.Length, (long)m * k, b.Length, (long)k * n, c.Length, (long)m * n);
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"the bias has {bias.Length} of {n} floats");
        if (activation == Activation.Softmax) throw new ArgumentException("softmax is not element-wise; apply it after the product");
        if (m == 0 || n == 0) return;

        fixed (float* pa = a, pb = b, pc = c, pbias = bias, ps = scratch)
        {
            GemmProblem problem = GemmProblem.Create(form, pa, pb, pc, m, k, n, accumulate);
            problem.Bias = bias.IsEmpty ? null : pbias;
            problem.Activation = activation;
            long work = (long)m * k * n;
            if (k == 0 || (small ?? work <= SmallMaxWork))
            {
                SmallGemm.Run(problem);
                return;
            }

            long perPart = PartScratchLength(isa, m, k, n);
            if (scratch.Length < perPart)
                throw new ArgumentException($"GEMM scratch holds {scratch.Length} floats but {m}×{k}×{n} needs {perPart}");
            int parts = (int)Math.Min(Math.Min(threads, scratch.Length / perPart), Math.Max(1, work / (ParallelMinWork / 2)));
            if (parts > 1)
            {
                KernelWorkers pool = KernelWorkers.Shared;
                parts = Math.Min(parts, pool.MaxParts);
                GemmWork item = t_work ??= new GemmWork();
                item.Set(isa, problem, ps, perPart);
                if (pool.TryRun(item, parts)) return;
            }
            RunPart(isa, problem, 0, m, 0, n, ps);
        }
    }

    /// <summary>
    /// c (m×n) = f(a (m×k) · b + bias (n)) on the calling thread, with b pre-packed (<see cref="GemmPackedB"/>) for its
    /// instruction set: the same blocked loops and micro-kernel as <see cref="Run"/>, so the same bits, without packing b.
    /// </summary>
    public static void RunPrepacked(GemmPackedB b, ReadOnlySpan<float> a, ReadOnlySpan<float> bias, Activation activation,
        Span<float> c, int m, Span<float> scratch)
    {
        int k = b.K, n = b.N;
        CheckShapes(a.Length, (long)m * k, int.MaxValue, 0, c.Length, (long)m * n);
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"the bias has {bias.Length} of {n} floats");
        if (activation == Activation.Softmax) throw new ArgumentException("softmax is not element-wise; apply it after the product");
        long perPart = PartScratchLength(b.Isa, m, k, n);
        if (scratch.Length < perPart) throw new ArgumentException($"GEMM scratch holds {scratch.Length} floats but {m}×{k}×{n} needs {perPart}");
        if (m == 0 || n == 0 || k == 0) throw new ArgumentException($"a pre-packed product needs m, k and n of at least 1 ({m}×{k}×{n})");
        fixed (float* pa = a, pc = c, pbias = bias, ps = scratch)
        {
            GemmProblem problem = GemmProblem.Create(GemmForm.NN, pa, null, pc, m, k, n, accumulate: false);
            problem.PackedB = b.Panels;
            problem.Bias = bias.IsEmpty ? null : pbias;
            problem.Activation = activation;
            RunPart(b.Isa, problem, 0, m, 0, n, ps);
        }
    }

    /// <summary>Floats of scratch one part of this product needs on <paramref name="isa"/>.</summary>
    internal static long PartScratchLength(GemmIsa isa, int m, int k, int n) => isa switch
    {
        GemmIsa.Vector512 when IsNarrow(isa, n) => GemmDriver.ScratchLength<GemmMicroKernel512Narrow>(m, k, n),
        GemmIsa.Vector512 => GemmDriver.ScratchLength<GemmMicroKernel512>(m, k, n),
        GemmIsa.Vector256 => GemmDriver.ScratchLength<GemmMicroKernel256>(m, k, n),
        _ => GemmDriver.ScratchLength<GemmMicroKernelScalar>(m, k, n),
    };

    /// <summary>True when an n-column product on <paramref name="isa"/> takes the narrow 16×16 AVX-512 kernel.</summary>
    internal static bool IsNarrow(GemmIsa isa, int n) => isa == GemmIsa.Vector512 && n <= GemmMicroKernel512Narrow.NR;

    /// <summary>The tile (MR, NR) of the micro-kernel an n-column product takes on <paramref name="isa"/>: where parts may split c.</summary>
    internal static (int Rows, int Columns) Tile(GemmIsa isa, int n) => isa switch
    {
        GemmIsa.Vector512 when IsNarrow(isa, n) => (GemmMicroKernel512Narrow.MR, GemmMicroKernel512Narrow.NR),
        GemmIsa.Vector512 => (GemmMicroKernel512.MR, GemmMicroKernel512.NR),
        GemmIsa.Vector256 => (GemmMicroKernel256.MR, GemmMicroKernel256.NR),
        _ => (GemmMicroKernelScalar.MR, GemmMicroKernelScalar.NR),
    };

    // c[m0..m1, n0..n1] on one thread
    internal static void RunPart(GemmIsa isa, in GemmProblem problem, int m0, int m1, int n0, int n1, float* scratch)
    {
        switch (isa)
        {
            case GemmIsa.Vector512 when IsNarrow(isa, problem.N): RunPart<GemmMicroKernel512Narrow>(problem, m0, m1, n0, n1, scratch); break;
            case GemmIsa.Vector512: RunPart<GemmMicroKernel512>(problem, m0, m1, n0, n1, scratch); break;
            case GemmIsa.Vector256: RunPart<GemmMicroKernel256>(problem, m0, m1, n0, n1, scratch); break;
            default: RunPart<GemmMicroKernelScalar>(problem, m0, m1, n0, n1, scratch); break;
        }
    }

    private static void RunPart<TKernel>(in GemmProblem problem, int m0, int m1, int n0, int n1, float* scratch)
        where TKernel : struct, IGemmMicroKernel
    {
        switch (problem.Activation)
        {
            case Activation.Identity: GemmDriver.Run<TKernel, IdentityOperator>(problem, m0, m1, n0, n1, scratch); break;
            case Activation.Sigmoid: GemmDriver.Run<TKernel, SigmoidOperator>(problem, m0, m1, n0, n1, scratch); break;
            case Activation.Tanh: GemmDriver.Run<TKernel, TanhOperator>(problem, m0, m1, n0, n1, scratch); break;
            case Activation.Relu: GemmDriver.Run<TKernel, ReluOperator>(problem, m0, m1, n0, n1, scratch); break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem.Activation, "not element-wise");
        }
    }

    internal static void CheckShapes(int aLength, long aNeeded, int bLength, long bNeeded, int cLength, long cNeeded)
    {
        if (aLength < aNeeded || bLength < bNeeded || cLength < cNeeded)
            throw new ArgumentException(
                $"GEMM operands are too short: a has {aLength} of {aNeeded}, b {bLength} of {bNeeded}, c {cLength} of {cNeeded} floats");
    }
}
