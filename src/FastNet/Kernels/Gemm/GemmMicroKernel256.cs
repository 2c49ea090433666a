using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastNet.Kernels;

/// <summary>
/// The AVX2 micro-kernel: a 6×16 tile of c in 12 ymm accumulators (two Vector256 per row), leaving 4 of the 16 ymm
/// registers for the two rows of b and the broadcast of a.
/// </summary>
internal readonly unsafe struct GemmMicroKernel256 : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static bool IsSupported => true;
    /// <inheritdoc/>
    public static int MR => 6;
    /// <inheritdoc/>
    public static int NR => 16;

    /// <inheritdoc/>
    public static bool HasRowEdge => true;

    /// <inheritdoc/>
    public static void MultiplyRows(float* a, float* b, int kc, float* c, nint ldc, bool load, int rows) =>
        GemmEdgeRows.Multiply<Vector256<float>, GemmVectors.V256, TileSizes.T2>(a, MR, b, kc, c, ldc, load, rows);

    /// <inheritdoc/>
    // c (MR×NR, row stride ldc) = Σₚ a (MR×kc, packed p-major) · b (kc×NR, packed p-major), + c when load
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load)
    {
        // c's rows are needed only at the end: start fetching them now (they come from L2 or L3 when load)
        if (Sse.IsSupported)
            for (int r = 0; r < 6; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + 15);
            }
        Vector256<float> c0_0 = default, c0_1 = default, c1_0 = default, c1_1 = default;
        Vector256<float> c2_0 = default, c2_1 = default, c3_0 = default, c3_1 = default;
        Vector256<float> c4_0 = default, c4_1 = default, c5_0 = default, c5_1 = default;
        int p = 0;
        // k unrolled 4×; a's panel streams from L2, so it is prefetched 256 bytes (≈ 10 steps) ahead, two lines per
        // 96 bytes consumed
        for (; p <= kc - 4; p += 4)
        {
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(a + 64);
                Sse.Prefetch0(a + 80);
            }
            Step(a + 0, b + 0, ref c0_0, ref c0_1, ref c1_0, ref c1_1, ref c2_0, ref c2_1, ref c3_0, ref c3_1, ref c4_0, ref c4_1, ref c5_0, ref c5_1);
            Step(a + 6, b + 16, ref c0_0, ref c0_1, ref c1_0, ref c1_1, ref c2_0, ref c2_1, ref c3_0, ref c3_1, ref c4_0, ref c4_1, ref c5_0, ref c5_1);
            Step(a + 12, b + 32, ref c0_0, ref c0_1, ref c1_0, ref c1_1, ref c2_0, ref c2_1, ref c3_0, ref c3_1, ref c4_0, ref c4_1, ref c5_0, ref c5_1);
            Step(a + 18, b + 48, ref c0_0, ref c0_1, ref c1_0, ref c1_1, ref c2_0, ref c2_1, ref c3_0, ref c3_1, ref c4_0, ref c4_1, ref c5_0, ref c5_1);
            a += 24;
            b += 64;
        }
        for (; p < kc; p++, a += 6, b += 16) Step(a, b, ref c0_0, ref c0_1, ref c1_0, ref c1_1, ref c2_0, ref c2_1, ref c3_0, ref c3_1, ref c4_0, ref c4_1, ref c5_0, ref c5_1);
        if (load)
        {
            c0_0 += Vector256.Load(c + 0);
            c0_1 += Vector256.Load(c + 8);
            c1_0 += Vector256.Load(c + 1 * ldc + 0);
            c1_1 += Vector256.Load(c + 1 * ldc + 8);
            c2_0 += Vector256.Load(c + 2 * ldc + 0);
            c2_1 += Vector256.Load(c + 2 * ldc + 8);
            c3_0 += Vector256.Load(c + 3 * ldc + 0);
            c3_1 += Vector256.Load(c + 3 * ldc + 8);
            c4_0 += Vector256.Load(c + 4 * ldc + 0);
            c4_1 += Vector256.Load(c + 4 * ldc + 8);
            c5_0 += Vector256.Load(c + 5 * ldc + 0);
            c5_1 += Vector256.Load(c + 5 * ldc + 8);
        }
        c0_0.Store(c + 0);
        c0_1.Store(c + 8);
        c1_0.Store(c + 1 * ldc + 0);
        c1_1.Store(c + 1 * ldc + 8);
        c2_0.Store(c + 2 * ldc + 0);
        c2_1.Store(c + 2 * ldc + 8);
        c3_0.Store(c + 3 * ldc + 0);
        c3_1.Store(c + 3 * ldc + 8);
        c4_0.Store(c + 4 * ldc + 0);
        c4_1.Store(c + 4 * ldc + 8);
        c5_0.Store(c + 5 * ldc + 0);
        c5_1.Store(c + 5 * ldc + 8);
    }

    // one k step: one row of b (two loads), six broadcasts of a straight from memory, 12 FMAs
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(float* a, float* b,
        ref Vector256<float> c0_0, ref Vector256<float> c0_1,
        ref Vector256<float> c1_0, ref Vector256<float> c1_1,
        ref Vector256<float> c2_0, ref Vector256<float> c2_1,
        ref Vector256<float> c3_0, ref Vector256<float> c3_1,
        ref Vector256<float> c4_0, ref Vector256<float> c4_1,
        ref Vector256<float> c5_0, ref Vector256<float> c5_1)
    {
        Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8), ar;
        ar = Vector256.Create(a[0]);
        c0_0 = GemmVectors.V256.MultiplyAdd(ar, b0, c0_0);
        c0_1 = GemmVectors.V256.MultiplyAdd(ar, b1, c0_1);
        ar = Vector256.Create(a[1]);
        c1_0 = GemmVectors.V256.MultiplyAdd(ar, b0, c1_0);
        c1_1 = GemmVectors.V256.MultiplyAdd(ar, b1, c1_1);
        ar = Vector256.Create(a[2]);
        c2_0 = GemmVectors.V256.MultiplyAdd(ar, b0, c2_0);
        c2_1 = GemmVectors.V256.MultiplyAdd(ar, b1, c2_1);
        ar = Vector256.Create(a[3]);
        c3_0 = GemmVectors.V256.MultiplyAdd(ar, b0, c3_0);
        c3_1 = GemmVectors.V256.MultiplyAdd(ar, b1, c3_1);
        ar = Vector256.Create(a[4]);
        c4_0 = GemmVectors.V256.MultiplyAdd(ar, b0, c4_0);
        c4_1 = GemmVectors.V256.MultiplyAdd(ar, b1, c4_1);
        ar = Vector256.Create(a[5]);
        c5_0 = GemmVectors.V256.MultiplyAdd(ar, b0, c5_0);
        c5_1 = GemmVectors.V256.MultiplyAdd(ar, b1, c5_1);
    }

    /// <inheritdoc/>
    // c (rows×NR, row stride ldc, rows ≤ MR) = f(c + bias (NR)), bias optional (null)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Epilogue<TAct>(float* c, nint ldc, float* bias, int rows) where TAct : struct, IUnaryOperator
    {
        Vector256<float> bias0 = bias == null ? Vector256<float>.Zero : Vector256.Load(bias + 0);
        Vector256<float> bias1 = bias == null ? Vector256<float>.Zero : Vector256.Load(bias + 8);
        for (int r = 0; r < rows; r++, c += ldc)
        {
            TAct.Invoke(Vector256.Load(c + 0) + bias0).Store(c + 0);
            TAct.Invoke(Vector256.Load(c + 8) + bias1).Store(c + 8);
        }
    }
}
