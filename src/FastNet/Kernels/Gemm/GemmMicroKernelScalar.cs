using System.Runtime.CompilerServices;

namespace FastNet.Kernels;

/// <summary>
/// The portable micro-kernel for machines without SIMD (or with hardware intrinsics disabled): a 4×4 tile of c in 16
/// scalar accumulators, the most x64's 16 float registers hold with room for a and b. Multiply-adds are fused only
/// where the hardware has FMA (<see cref="MultiplyAdd"/>).
/// </summary>
internal readonly unsafe struct GemmMicroKernelScalar : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static bool IsSupported => true;
    /// <inheritdoc/>
    public static int MR => 4;
    /// <inheritdoc/>
    public static int NR => 4;

    /// <inheritdoc/>
    // c (4×4, row stride ldc) = Σₚ a (4×kc, packed p-major) · b (kc×4, packed p-major), + c when load
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++, a += 4, b += 4)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float a0 = a[0];
            c00 = MultiplyAdd.Scalar(a0, b0, c00); c01 = MultiplyAdd.Scalar(a0, b1, c01);
            c02 = MultiplyAdd.Scalar(a0, b2, c02); c03 = MultiplyAdd.Scalar(a0, b3, c03);
            float a1 = a[1];
            c10 = MultiplyAdd.Scalar(a1, b0, c10); c11 = MultiplyAdd.Scalar(a1, b1, c11);
            c12 = MultiplyAdd.Scalar(a1, b2, c12); c13 = MultiplyAdd.Scalar(a1, b3, c13);
            float a2 = a[2];
            c20 = MultiplyAdd.Scalar(a2, b0, c20); c21 = MultiplyAdd.Scalar(a2, b1, c21);
            c22 = MultiplyAdd.Scalar(a2, b2, c22); c23 = MultiplyAdd.Scalar(a2, b3, c23);
            float a3 = a[3];
            c30 = MultiplyAdd.Scalar(a3, b0, c30); c31 = MultiplyAdd.Scalar(a3, b1, c31);
            c32 = MultiplyAdd.Scalar(a3, b2, c32); c33 = MultiplyAdd.Scalar(a3, b3, c33);
        }
        Store(c, c00, c01, c02, c03, load);
        Store(c + ldc, c10, c11, c12, c13, load);
        Store(c + 2 * ldc, c20, c21, c22, c23, load);
        Store(c + 3 * ldc, c30, c31, c32, c33, load);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, float v0, float v1, float v2, float v3, bool load)
    {
        if (load)
        {
            v0 += c[0]; v1 += c[1]; v2 += c[2]; v3 += c[3];
        }
        c[0] = v0; c[1] = v1; c[2] = v2; c[3] = v3;
    }

    /// <inheritdoc/>
    // c (rows×4, row stride ldc, rows ≤ 4) = f(c + bias (4)), bias optional (null)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Epilogue<TAct>(float* c, nint ldc, float* bias, int rows) where TAct : struct, IUnaryOperator =>
        ApplyEpilogue<TAct>(c, ldc, bias, rows, 4);

    // c (rows×columns, row stride ldc) = f(c + bias (columns)), bias optional (null), one element at a time
    private static void ApplyEpilogue<TAct>(float* c, nint ldc, float* bias, int rows, int columns) where TAct : struct, IUnaryOperator
    {
        for (int r = 0; r < rows; r++, c += ldc)
            for (int j = 0; j < columns; j++)
                c[j] = TAct.Invoke(c[j] + (bias == null ? 0f : bias[j]));
    }
}
