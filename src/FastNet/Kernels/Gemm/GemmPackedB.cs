using System.Runtime.CompilerServices;

namespace FastNet.Kernels;

/// <summary>
/// b (k×n, row-major) packed once into the panels one micro-kernel streams, for products whose
/// b never changes (a predictor's weights): <see cref="Gemm.RunPrepacked"/> reads it where it lies and never packs b
/// again. Layout: for each of <see cref="GemmDriver"/>'s k slices (depth kc) in order, all ⌈n/NR⌉ panels of the slice,
/// each kc×NR p-major and zero past column n, so slice p0 starts at p0·⌈n/NR⌉·NR and column block j0 of it at + j0·kc
/// (what the driver's NC×KC blocks address). The floats live in a pinned array aligned to 64 bytes.
/// </summary>
internal sealed unsafe class GemmPackedB
{
    private readonly float[] _panels;
    private readonly int _offset;

    public GemmPackedB(GemmKernel kernel, ReadOnlySpan<float> b, int k, int n)
    {
        if (b.Length < (long)k * n) throw new ArgumentException($"b has {b.Length} of {(long)k * n} floats");
        Kernel = kernel;
        K = k;
        N = n;
        GemmKernelInfo info = GemmKernelInfo.Of(kernel);
        int nr = info.NR;
        long length = (long)k * ((n + nr - 1) / nr * nr);
        _panels = GC.AllocateArray<float>(checked((int)length + 16), pinned: true);
        _offset = (int)((64 - (nint)Unsafe.AsPointer(ref _panels[0]) % 64) % 64 / sizeof(float));
        int kcMax = GemmDriver.SliceDepth(k, info.Blocking.KC);
        fixed (float* pb = b)
        {
            GemmProblem problem = GemmProblem.Create(GemmForm.NN, null, pb, null, 0, k, n, accumulate: false);
            for (int p0 = 0; p0 < k; p0 += kcMax)
                GemmPacking.PackB(problem, p0, Math.Min(kcMax, k - p0), 0, n, Panels + (nint)p0 * (length / k), nr);
        }
    }

    /// <summary>The micro-kernel the panels are laid out for (its NR and its k slices).</summary>
    public GemmKernel Kernel { get; }
    public int K { get; }
    public int N { get; }

    /// <summary>The first panel (the array is pinned for the object's lifetime: keep this object alive, <see cref="GC.KeepAlive"/>, while the pointer is used).</summary>
    public float* Panels => (float*)Unsafe.AsPointer(ref _panels[_offset]);
}
