using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// The AVX-512 micro-kernel for narrow products (n ≤ 16, e.g. a 10-class output layer and its weight gradient): a 16×16
/// tile of c in 16 zmm accumulators, one Vector512 per row, so a 10-wide c wastes 6 of 16 lanes instead of 22 of 32
/// with the 8×32 kernel.
/// </summary>
internal readonly unsafe struct GemmMicroKernel512Narrow : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static bool IsSupported => true;
    /// <inheritdoc/>
    public static int MR => 16;
    /// <inheritdoc/>
    public static int NR => 16;

    /// <inheritdoc/>
    // c (MR×NR, row stride ldc) = Σₚ a (MR×kc, packed p-major) · b (kc×NR, packed p-major), + c when load
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load)
    {
        Vector512<float> c0_0 = default, c1_0 = default, c2_0 = default, c3_0 = default;
        Vector512<float> c4_0 = default, c5_0 = default, c6_0 = default, c7_0 = default;
        Vector512<float> c8_0 = default, c9_0 = default, c10_0 = default, c11_0 = default;
        Vector512<float> c12_0 = default, c13_0 = default, c14_0 = default, c15_0 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c0_0 = GemmVectors.V512.MultiplyAdd(a0, b0, c0_0);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c1_0 = GemmVectors.V512.MultiplyAdd(a1, b0, c1_0);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c2_0 = GemmVectors.V512.MultiplyAdd(a2, b0, c2_0);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c3_0 = GemmVectors.V512.MultiplyAdd(a3, b0, c3_0);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c4_0 = GemmVectors.V512.MultiplyAdd(a4, b0, c4_0);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c5_0 = GemmVectors.V512.MultiplyAdd(a5, b0, c5_0);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c6_0 = GemmVectors.V512.MultiplyAdd(a6, b0, c6_0);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c7_0 = GemmVectors.V512.MultiplyAdd(a7, b0, c7_0);
            Vector512<float> a8 = Vector512.Create(a[8]);
            c8_0 = GemmVectors.V512.MultiplyAdd(a8, b0, c8_0);
            Vector512<float> a9 = Vector512.Create(a[9]);
            c9_0 = GemmVectors.V512.MultiplyAdd(a9, b0, c9_0);
            Vector512<float> a10 = Vector512.Create(a[10]);
            c10_0 = GemmVectors.V512.MultiplyAdd(a10, b0, c10_0);
            Vector512<float> a11 = Vector512.Create(a[11]);
            c11_0 = GemmVectors.V512.MultiplyAdd(a11, b0, c11_0);
            Vector512<float> a12 = Vector512.Create(a[12]);
            c12_0 = GemmVectors.V512.MultiplyAdd(a12, b0, c12_0);
            Vector512<float> a13 = Vector512.Create(a[13]);
            c13_0 = GemmVectors.V512.MultiplyAdd(a13, b0, c13_0);
            Vector512<float> a14 = Vector512.Create(a[14]);
            c14_0 = GemmVectors.V512.MultiplyAdd(a14, b0, c14_0);
            Vector512<float> a15 = Vector512.Create(a[15]);
            c15_0 = GemmVectors.V512.MultiplyAdd(a15, b0, c15_0);
            a += 16;
            b += 16;
        }
        if (load)
        {
            c0_0 += Vector512.Load(c + 0);
            c1_0 += Vector512.Load(c + 1 * ldc + 0);
            c2_0 += Vector512.Load(c + 2 * ldc + 0);
            c3_0 += Vector512.Load(c + 3 * ldc + 0);
            c4_0 += Vector512.Load(c + 4 * ldc + 0);
            c5_0 += Vector512.Load(c + 5 * ldc + 0);
            c6_0 += Vector512.Load(c + 6 * ldc + 0);
            c7_0 += Vector512.Load(c + 7 * ldc + 0);
            c8_0 += Vector512.Load(c + 8 * ldc + 0);
            c9_0 += Vector512.Load(c + 9 * ldc + 0);
            c10_0 += Vector512.Load(c + 10 * ldc + 0);
            c11_0 += Vector512.Load(c + 11 * ldc + 0);
            c12_0 += Vector512.Load(c + 12 * ldc + 0);
            c13_0 += Vector512.Load(c + 13 * ldc + 0);
            c14_0 += Vector512.Load(c + 14 * ldc + 0);
            c15_0 += Vector512.Load(c + 15 * ldc + 0);
        }
        c0_0.Store(c + 0);
        c1_0.Store(c + 1 * ldc + 0);
        c2_0.Store(c + 2 * ldc + 0);
        c3_0.Store(c + 3 * ldc + 0);
        c4_0.Store(c + 4 * ldc + 0);
        c5_0.Store(c + 5 * ldc + 0);
        c6_0.Store(c + 6 * ldc + 0);
        c7_0.Store(c + 7 * ldc + 0);
        c8_0.Store(c + 8 * ldc + 0);
        c9_0.Store(c + 9 * ldc + 0);
        c10_0.Store(c + 10 * ldc + 0);
        c11_0.Store(c + 11 * ldc + 0);
        c12_0.Store(c + 12 * ldc + 0);
        c13_0.Store(c + 13 * ldc + 0);
        c14_0.Store(c + 14 * ldc + 0);
        c15_0.Store(c + 15 * ldc + 0);
    }

    /// <inheritdoc/>
    // c (rows×NR, row stride ldc, rows ≤ MR) = f(c + bias (NR)), bias optional (null)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Epilogue<TAct>(float* c, nint ldc, float* bias, int rows) where TAct : struct, IUnaryOperator
    {
        Vector512<float> bias0 = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + 0);
        for (int r = 0; r < rows; r++, c += ldc)
        {
            TAct.Invoke(Vector512.Load(c + 0) + bias0).Store(c + 0);
        }
    }
}
