using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    // c (MR×NR, row stride ldc) = Σₚ a (MR×kc, packed p-major) · b (kc×NR, packed p-major), + c when load
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load)
    {
        Vector256<float> c0_0 = default, c0_1 = default, c1_0 = default, c1_1 = default;
        Vector256<float> c2_0 = default, c2_1 = default, c3_0 = default, c3_1 = default;
        Vector256<float> c4_0 = default, c4_1 = default, c5_0 = default, c5_1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b + 0);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c0_0 = Vector256.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector256.FusedMultiplyAdd(a0, b1, c0_1);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c1_0 = Vector256.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector256.FusedMultiplyAdd(a1, b1, c1_1);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c2_0 = Vector256.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector256.FusedMultiplyAdd(a2, b1, c2_1);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c3_0 = Vector256.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector256.FusedMultiplyAdd(a3, b1, c3_1);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c4_0 = Vector256.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector256.FusedMultiplyAdd(a4, b1, c4_1);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c5_0 = Vector256.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector256.FusedMultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 16;
        }
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

    /// <inheritdoc/>
    // c (MR×NR, row stride ldc) = f(c + bias (NR)), bias optional (null)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Epilogue<TAct>(float* c, nint ldc, float* bias) where TAct : struct, IUnaryOperator
    {
        Vector256<float> bias0 = bias == null ? Vector256<float>.Zero : Vector256.Load(bias + 0);
        Vector256<float> bias1 = bias == null ? Vector256<float>.Zero : Vector256.Load(bias + 8);
        for (int r = 0; r < 6; r++, c += ldc)
        {
            TAct.Invoke(Vector256.Load(c + 0) + bias0).Store(c + 0);
            TAct.Invoke(Vector256.Load(c + 8) + bias1).Store(c + 8);
        }
    }
}
