using FastNet.Kernels.Activations;

namespace FastNet.Kernels;

/// <summary>
/// Single-precision matrix products in the three forms a dense layer needs. All matrices are dense and row-major.
/// Contract (BLAS's beta): with <c>accumulate: false</c> the destination is overwritten and never read, so it may hold
/// garbage or NaN; with <c>accumulate: true</c> the product is added to it. Optionally a bias row and an element-wise
/// activation are applied to the result in the same pass (c = f(a·b + bias)).
/// <para>
/// Tiny products (the seed's 2-4-1 network) take <see cref="SmallGemm"/>, a direct loop with no packing; products with
/// few columns (a few-class output layer) take <see cref="NarrowGemm"/>, which packs nothing either; everything else
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

    /// <summary>Floats of scratch one thread needs for a product of this shape in any form on this machine's path.</summary>
    public static long ScratchLength(int m, int k, int n) => ScratchLength(m, k, n, 1);

    /// <summary>Floats of scratch for a product of this shape in any form on up to <paramref name="threads"/> threads, on this machine's path (<see cref="GemmIsaInfo.Best"/>).</summary>
    public static long ScratchLength(int m, int k, int n, int threads) =>
        Math.Max(ScratchLength(GemmKernelInfo.Choose(GemmIsaInfo.Best, n), m, k, n, threads), NarrowGemm.Takes(GemmForm.NN, m, k, n) ? NarrowGemm.ScratchLength(m, k, n) : 0);

    /// <summary>Floats of scratch for a product of this shape in any form on up to <paramref name="threads"/> threads with <paramref name="kernel"/>.</summary>
    public static long ScratchLength(GemmKernel kernel, int m, int k, int n, int threads) => PartScratchLength(kernel, m, k, n) * Math.Max(1, threads);

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
        bool accumulate, ReadOnlySpan<float> bias, Activation activation, Span<float> scratch, int threads, bool? small = null) =>
        Run(GemmKernelInfo.Choose(isa, n), NarrowGemm.Lanes(isa), form, a, b, c, m, k, n, accumulate, bias, activation, scratch, threads, small);

    /// <summary>
    /// c (m×n) = f(op(a)·op(b) [+ c] + bias) with the given micro-kernel on the blocked path (or the direct path, as
    /// <see cref="Run(GemmIsa, GemmForm, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, ReadOnlySpan{float}, Activation, Span{float}, int, bool?)"/>
    /// chooses it), never the narrow path. Throws <see cref="PlatformNotSupportedException"/> for a kernel of another architecture.
    /// </summary>
    public static void Run(GemmKernel kernel, GemmForm form, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool accumulate, ReadOnlySpan<float> bias, Activation activation, Span<float> scratch, int threads, bool? small = null) =>
        Run(kernel, narrowLanes: 0, form, a, b, c, m, k, n, accumulate, bias, activation, scratch, threads, small);

    // as above; with narrowLanes > 0, products NarrowGemm takes run there with vectors of that many floats
    private static void Run(GemmKernel kernel, int narrowLanes, GemmForm form, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool accumulate, ReadOnlySpan<float> bias, Activation activation, Span<float> scratch, int threads, bool? small)
    {
        if (m < 0 || k < 0 || n < 0) throw new ArgumentException($"GEMM dimensions must not be negative ({m}×{k}×{n})");
        CheckShapes(a.Length, (long)m * k, b.Length, (long)k * n, c.Length, (long)m * n);
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"the bias has {bias.Length} of {n} floats");
        if (activation == Activation.Softmax) throw new ArgumentException("softmax is not element-wise; apply it after the product");
        if (!GemmKernelInfo.Of(kernel).IsSupported) throw new PlatformNotSupportedException($"the {kernel} GEMM kernel does not run on this processor");
        if (m == 0 || n == 0) return;

        fixed (float* pa = a, pb = b, pc = c, pbias = bias, ps = scratch)
        {
            GemmProblem problem = GemmProblem.Create(form, pa, pb, pc, m, k, n, accumulate);
            problem.Bias = bias.IsEmpty ? null : pbias;
            problem.Activation = activation;
            long work = (long)m * k * n;
            GemmRoute route = RouteOf(form, m, k, n, narrow: narrowLanes > 0, small);
            if (route == GemmRoute.Small)
            {
                SmallGemm.Run(problem);
                return;
            }
            if (route == GemmRoute.Narrow)
            {
                long needed = NarrowGemm.ScratchLength(form, m, k, n);
                if (scratch.Length < needed)
                    throw new ArgumentException($"GEMM scratch holds {scratch.Length} floats but {m}×{k}×{n} needs {needed}");
                NarrowGemm.Run(narrowLanes, problem, ps);
                return;
            }

            long perPart = PartScratchLength(kernel, m, k, n);
            if (scratch.Length < perPart)
                throw new ArgumentException($"GEMM scratch holds {scratch.Length} floats but {m}×{k}×{n} needs {perPart}");
            int parts = (int)Math.Min(Math.Min(threads, scratch.Length / perPart), Math.Max(1, work / (ParallelMinWork / 2)));
            if (parts > 1)
            {
                KernelWorkers pool = KernelWorkers.Shared;
                parts = Math.Min(parts, pool.MaxParts);
                GemmWork item = t_work ??= new GemmWork();
                item.Set(kernel, problem, ps, perPart);
                if (pool.TryRun(item, parts)) return;
            }
            RunPart(kernel, problem, 0, m, 0, n, ps);
        }
    }

    /// <summary>
    /// The path an m×k×n product in this form takes (m and n at least 1): <see cref="GemmRoute.Narrow"/> only when
    /// <paramref name="narrow"/> allows it; <paramref name="small"/> forces (true) or forbids (false) the direct path.
    /// </summary>
    internal static GemmRoute RouteOf(GemmForm form, int m, int k, int n, bool narrow = true, bool? small = null) =>
        k == 0 || (small ?? (long)m * k * n <= SmallMaxWork) ? GemmRoute.Small
        : narrow && NarrowGemm.Takes(form, m, k, n) ? GemmRoute.Narrow
        : GemmRoute.Packed;

    /// <summary>
    /// c (m×n) = f(a (m×k) · b + bias (n)) on the calling thread, with b pre-packed (<see cref="GemmPackedB"/>) for its
    /// micro-kernel: the same blocked loops and micro-kernel as the packed path, so the same bits, without packing b.
    /// </summary>
    public static void RunPrepacked(GemmPackedB b, ReadOnlySpan<float> a, ReadOnlySpan<float> bias, Activation activation,
        Span<float> c, int m, Span<float> scratch)
    {
        int k = b.K, n = b.N;
        CheckShapes(a.Length, (long)m * k, int.MaxValue, 0, c.Length, (long)m * n);
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"the bias has {bias.Length} of {n} floats");
        if (activation == Activation.Softmax) throw new ArgumentException("softmax is not element-wise; apply it after the product");
        long perPart = PartScratchLength(b.Kernel, m, k, n);
        if (scratch.Length < perPart) throw new ArgumentException($"GEMM scratch holds {scratch.Length} floats but {m}×{k}×{n} needs {perPart}");
        if (m == 0 || n == 0 || k == 0) throw new ArgumentException($"a pre-packed product needs m, k and n of at least 1 ({m}×{k}×{n})");
        fixed (float* pa = a, pc = c, pbias = bias, ps = scratch)
        {
            GemmProblem problem = GemmProblem.Create(GemmForm.NN, pa, null, pc, m, k, n, accumulate: false);
            problem.PackedB = b.Panels;
            problem.Bias = bias.IsEmpty ? null : pbias;
            problem.Activation = activation;
            RunPart(b.Kernel, problem, 0, m, 0, n, ps);
        }
        // the kernel reads b's pinned panels through a raw pointer: without this, optimised code may let b (the last
        // reference to the panels, when a caller drops its predictor) be collected, and the panels freed, mid-product
        GC.KeepAlive(b);
    }

    /// <summary>Floats of scratch one part of this product needs with <paramref name="kernel"/>.</summary>
    internal static long PartScratchLength(GemmKernel kernel, int m, int k, int n) => GemmDriver.ScratchLength(GemmKernelInfo.Of(kernel), m, k, n);

    // c[m0..m1, n0..n1] on one thread
    internal static void RunPart(GemmKernel kernel, in GemmProblem problem, int m0, int m1, int n0, int n1, float* scratch)
    {
        GemmBlocking blocking = GemmKernelInfo.Of(kernel).Blocking;
        switch (kernel)
        {
            case GemmKernel.Vector512Narrow: RunPart<GemmMicroKernel512Narrow>(problem, m0, m1, n0, n1, scratch, blocking); break;
            case GemmKernel.Vector512: RunPart<GemmMicroKernel512>(problem, m0, m1, n0, n1, scratch, blocking); break;
            case GemmKernel.Vector256: RunPart<GemmMicroKernel256>(problem, m0, m1, n0, n1, scratch, blocking); break;
            case GemmKernel.AdvSimd: RunPart<GemmMicroKernelAdvSimd>(problem, m0, m1, n0, n1, scratch, blocking); break;
            case GemmKernel.Vector128: RunPart<GemmMicroKernel128>(problem, m0, m1, n0, n1, scratch, blocking); break;
            default: RunPart<GemmMicroKernelScalar>(problem, m0, m1, n0, n1, scratch, blocking); break;
        }
    }

    private static void RunPart<TKernel>(in GemmProblem problem, int m0, int m1, int n0, int n1, float* scratch, GemmBlocking blocking)
        where TKernel : struct, IGemmMicroKernel
    {
        switch (problem.Activation)
        {
            case Activation.Identity: GemmDriver.Run<TKernel, IdentityOperator>(problem, m0, m1, n0, n1, scratch, blocking); break;
            case Activation.Sigmoid: GemmDriver.Run<TKernel, SigmoidOperator>(problem, m0, m1, n0, n1, scratch, blocking); break;
            case Activation.Tanh: GemmDriver.Run<TKernel, TanhOperator>(problem, m0, m1, n0, n1, scratch, blocking); break;
            case Activation.Relu: GemmDriver.Run<TKernel, ReluOperator>(problem, m0, m1, n0, n1, scratch, blocking); break;
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
