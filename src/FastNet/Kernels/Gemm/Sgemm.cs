namespace FastNet.Kernels;

/// <summary>
/// FastNet's own single-precision matrix product, the one its layers run, on the fastest instruction-set path of this
/// machine (<see cref="KernelInfo.GemmPath"/>): for benchmarks and for code that wants the same kernel. All matrices
/// are dense and row-major; nothing is allocated per call, packing uses the caller's scratch.
/// </summary>
public static class Sgemm
{
    /// <summary>Floats of scratch <see cref="Multiply"/> needs for an m×k×n product in any form on up to <paramref name="threads"/> threads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or <paramref name="threads"/> is below 1.</exception>
    public static long ScratchLength(int m, int k, int n, int threads = 1)
    {
        Check(m, k, n, threads);
        return Gemm.ScratchLength(m, k, n, threads);
    }

    /// <summary>
    /// c (m×n) = op(a)·op(b) as <paramref name="form"/> says, overwriting c (never read, so it may hold garbage) or, with
    /// <paramref name="accumulate"/>, adding to it. Products of about two million multiply-adds and up are split over up
    /// to <paramref name="threads"/> threads, with bit-identical results for any thread count; products at most 15 columns
    /// wide run unpacked on the calling thread.
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its matrix, or the scratch shorter than <see cref="ScratchLength"/>.</exception>
    public static void Multiply(SgemmForm form, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        Span<float> scratch, bool accumulate = false, int threads = 1)
    {
        Check(m, k, n, threads);
        if (scratch.Length < Gemm.ScratchLength(m, k, n, threads))
            throw new ArgumentException($"the scratch holds {scratch.Length} floats, not the {Gemm.ScratchLength(m, k, n, threads)} this product needs", nameof(scratch));
        Gemm.Run(GemmIsaInfo.Best, Inner(form), a, b, c, m, k, n, accumulate, default, Activation.Identity, scratch, threads);
    }

    /// <summary>The kernels' form for a public one.</summary>
    internal static GemmForm Inner(SgemmForm form) => form switch
    {
        SgemmForm.NN => GemmForm.NN,
        SgemmForm.TN => GemmForm.TN,
        SgemmForm.NT => GemmForm.NT,
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "unknown form"),
    };

    private static void Check(int m, int k, int n, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
    }
}
