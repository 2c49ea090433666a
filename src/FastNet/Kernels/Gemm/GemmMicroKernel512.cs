using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// The AVX-512 micro-kernel: an 8×32 tile of c in 16 zmm accumulators (two Vector512 per row), updated per k step
/// from one packed row of b (two loads) and eight broadcasts of packed a. 16 independent FMA chains cover the FMA
/// latency of two ports; 8×32 measured as fast as 12×32 and 14×32 here (all ≈ 170 GFLOP/s from L1) with less spilling.
/// </summary>
internal readonly unsafe struct GemmMicroKernel512 : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static bool IsSupported => true;
    /// <inheritdoc/>
    public static int MR => 8;
    /// <inheritdoc/>
    public static int NR => 32;

    /// <inheritdoc/>
    public static bool HasRowEdge => true;

    /// <inheritdoc/>
    public static void MultiplyRows(float* a, float* b, int kc, float* c, nint ldc, bool load, int rows) =>
        GemmEdgeRows.Multiply<Vector512<float>, GemmVectors.V512, TileSizes.T2>(a, MR, b, kc, c, ldc, load, rows);

    /// <inheritdoc/>
    // c (MR×NR, row stride ldc) = Σₚ a (MR×kc, packed p-major) · b (kc×NR, packed p-major), + c when load
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load)
    {
        Vector512<float> c0_0 = default, c0_1 = default, c1_0 = default, c1_1 = default;
        Vector512<float> c2_0 = default, c2_1 = default, c3_0 = default, c3_1 = default;
        Vector512<float> c4_0 = default, c4_1 = default, c5_0 = default, c5_1 = default;
        Vector512<float> c6_0 = default, c6_1 = default, c7_0 = default, c7_1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c0_0 = GemmVectors.V512.MultiplyAdd(a0, b0, c0_0);
            c0_1 = GemmVectors.V512.MultiplyAdd(a0, b1, c0_1);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c1_0 = GemmVectors.V512.MultiplyAdd(a1, b0, c1_0);
            c1_1 = GemmVectors.V512.MultiplyAdd(a1, b1, c1_1);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c2_0 = GemmVectors.V512.MultiplyAdd(a2, b0, c2_0);
            c2_1 = GemmVectors.V512.MultiplyAdd(a2, b1, c2_1);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c3_0 = GemmVectors.V512.MultiplyAdd(a3, b0, c3_0);
            c3_1 = GemmVectors.V512.MultiplyAdd(a3, b1, c3_1);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c4_0 = GemmVectors.V512.MultiplyAdd(a4, b0, c4_0);
            c4_1 = GemmVectors.V512.MultiplyAdd(a4, b1, c4_1);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c5_0 = GemmVectors.V512.MultiplyAdd(a5, b0, c5_0);
            c5_1 = GemmVectors.V512.MultiplyAdd(a5, b1, c5_1);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c6_0 = GemmVectors.V512.MultiplyAdd(a6, b0, c6_0);
            c6_1 = GemmVectors.V512.MultiplyAdd(a6, b1, c6_1);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c7_0 = GemmVectors.V512.MultiplyAdd(a7, b0, c7_0);
            c7_1 = GemmVectors.V512.MultiplyAdd(a7, b1, c7_1);
            a += 8;
            b += 32;
        }
        if (load)
        {
            c0_0 += Vector512.Load(c + 0);
            c0_1 += Vector512.Load(c + 16);
            c1_0 += Vector512.Load(c + 1 * ldc + 0);
            c1_1 += Vector512.Load(c + 1 * ldc + 16);
            c2_0 += Vector512.Load(c + 2 * ldc + 0);
            c2_1 += Vector512.Load(c + 2 * ldc + 16);
            c3_0 += Vector512.Load(c + 3 * ldc + 0);
            c3_1 += Vector512.Load(c + 3 * ldc + 16);
            c4_0 += Vector512.Load(c + 4 * ldc + 0);
            c4_1 += Vector512.Load(c + 4 * ldc + 16);
            c5_0 += Vector512.Load(c + 5 * ldc + 0);
            c5_1 += Vector512.Load(c + 5 * ldc + 16);
            c6_0 += Vector512.Load(c + 6 * ldc + 0);
            c6_1 += Vector512.Load(c + 6 * ldc + 16);
            c7_0 += Vector512.Load(c + 7 * ldc + 0);
            c7_1 += Vector512.Load(c + 7 * ldc + 16);
        }
        c0_0.Store(c + 0);
        c0_1.Store(c + 16);
        c1_0.Store(c + 1 * ldc + 0);
        c1_1.Store(c + 1 * ldc + 16);
        c2_0.Store(c + 2 * ldc + 0);
        c2_1.Store(c + 2 * ldc + 16);
        c3_0.Store(c + 3 * ldc + 0);
        c3_1.Store(c + 3 * ldc + 16);
        c4_0.Store(c + 4 * ldc + 0);
        c4_1.Store(c + 4 * ldc + 16);
        c5_0.Store(c + 5 * ldc + 0);
        c5_1.Store(c + 5 * ldc + 16);
        c6_0.Store(c + 6 * ldc + 0);
        c6_1.Store(c + 6 * ldc + 16);
        c7_0.Store(c + 7 * ldc + 0);
        c7_1.Store(c + 7 * ldc + 16);
    }

    /// <inheritdoc/>
    // c (rows×NR, row stride ldc, rows ≤ MR) = f(c + bias (NR)), bias optional (null)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Epilogue<TAct>(float* c, nint ldc, float* bias, int rows) where TAct : struct, IUnaryOperator
    {
        Vector512<float> bias0 = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + 0);
        Vector512<float> bias1 = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + 16);
        for (int r = 0; r < rows; r++, c += ldc)
        {
            TAct.Invoke(Vector512.Load(c + 0) + bias0).Store(c + 0);
            TAct.Invoke(Vector512.Load(c + 16) + bias1).Store(c + 16);
        }
    }
}
