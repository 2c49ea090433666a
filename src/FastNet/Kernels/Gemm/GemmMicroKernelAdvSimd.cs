using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace FastNet.Kernels;

/// <summary>
/// The ARM64 micro-kernel (the shape BLIS's armv8a kernel uses): an 8×12 tile of c in 24 of the 32 NEON registers
/// (three Vector128 per row), updated per k step from two vectors of packed a and three of packed b with by-lane fused
/// multiply-adds (<c>FMLA Vd.4S, Vb.4S, Va.S[lane]</c>), so a is never broadcast. AdvSimd only: on other architectures
/// <see cref="IsSupported"/> is false and the 128-bit path takes <see cref="GemmMicroKernel128"/>.
/// </summary>
internal readonly unsafe struct GemmMicroKernelAdvSimd : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static bool IsSupported => AdvSimd.Arm64.IsSupported;
    /// <inheritdoc/>
    public static int MR => 8;
    /// <inheritdoc/>
    public static int NR => 12;

    /// <inheritdoc/>
    public static bool HasRowEdge => true;

    /// <inheritdoc/>
    public static void MultiplyRows(float* a, float* b, int kc, float* c, nint ldc, bool load, int rows) =>
        GemmEdgeRows.Multiply<Vector128<float>, GemmVectors.V128, TileSizes.T3>(a, MR, b, kc, c, ldc, load, rows);

    /// <inheritdoc/>
    // c (MR×NR, row stride ldc) = Σₚ a (MR×kc, packed p-major) · b (kc×NR, packed p-major), + c when load
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load)
    {
        Vector128<float> c0_0 = default, c0_1 = default, c0_2 = default;
        Vector128<float> c1_0 = default, c1_1 = default, c1_2 = default;
        Vector128<float> c2_0 = default, c2_1 = default, c2_2 = default;
        Vector128<float> c3_0 = default, c3_1 = default, c3_2 = default;
        Vector128<float> c4_0 = default, c4_1 = default, c4_2 = default;
        Vector128<float> c5_0 = default, c5_1 = default, c5_2 = default;
        Vector128<float> c6_0 = default, c6_1 = default, c6_2 = default;
        Vector128<float> c7_0 = default, c7_1 = default, c7_2 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> a0 = AdvSimd.LoadVector128(a + 0);
            Vector128<float> a1 = AdvSimd.LoadVector128(a + 4);
            Vector128<float> b0 = AdvSimd.LoadVector128(b + 0);
            Vector128<float> b1 = AdvSimd.LoadVector128(b + 4);
            Vector128<float> b2 = AdvSimd.LoadVector128(b + 8);
            c0_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c0_0, b0, a0, 0);
            c0_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c0_1, b1, a0, 0);
            c0_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c0_2, b2, a0, 0);
            c1_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c1_0, b0, a0, 1);
            c1_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c1_1, b1, a0, 1);
            c1_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c1_2, b2, a0, 1);
            c2_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c2_0, b0, a0, 2);
            c2_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c2_1, b1, a0, 2);
            c2_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c2_2, b2, a0, 2);
            c3_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c3_0, b0, a0, 3);
            c3_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c3_1, b1, a0, 3);
            c3_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c3_2, b2, a0, 3);
            c4_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c4_0, b0, a1, 0);
            c4_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c4_1, b1, a1, 0);
            c4_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c4_2, b2, a1, 0);
            c5_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c5_0, b0, a1, 1);
            c5_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c5_1, b1, a1, 1);
            c5_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c5_2, b2, a1, 1);
            c6_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c6_0, b0, a1, 2);
            c6_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c6_1, b1, a1, 2);
            c6_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c6_2, b2, a1, 2);
            c7_0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c7_0, b0, a1, 3);
            c7_1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c7_1, b1, a1, 3);
            c7_2 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c7_2, b2, a1, 3);
            a += 8;
            b += 12;
        }
        if (load)
        {
            c0_0 += AdvSimd.LoadVector128(c + 0 * ldc + 0);
            c0_1 += AdvSimd.LoadVector128(c + 0 * ldc + 4);
            c0_2 += AdvSimd.LoadVector128(c + 0 * ldc + 8);
            c1_0 += AdvSimd.LoadVector128(c + 1 * ldc + 0);
            c1_1 += AdvSimd.LoadVector128(c + 1 * ldc + 4);
            c1_2 += AdvSimd.LoadVector128(c + 1 * ldc + 8);
            c2_0 += AdvSimd.LoadVector128(c + 2 * ldc + 0);
            c2_1 += AdvSimd.LoadVector128(c + 2 * ldc + 4);
            c2_2 += AdvSimd.LoadVector128(c + 2 * ldc + 8);
            c3_0 += AdvSimd.LoadVector128(c + 3 * ldc + 0);
            c3_1 += AdvSimd.LoadVector128(c + 3 * ldc + 4);
            c3_2 += AdvSimd.LoadVector128(c + 3 * ldc + 8);
            c4_0 += AdvSimd.LoadVector128(c + 4 * ldc + 0);
            c4_1 += AdvSimd.LoadVector128(c + 4 * ldc + 4);
            c4_2 += AdvSimd.LoadVector128(c + 4 * ldc + 8);
            c5_0 += AdvSimd.LoadVector128(c + 5 * ldc + 0);
            c5_1 += AdvSimd.LoadVector128(c + 5 * ldc + 4);
            c5_2 += AdvSimd.LoadVector128(c + 5 * ldc + 8);
            c6_0 += AdvSimd.LoadVector128(c + 6 * ldc + 0);
            c6_1 += AdvSimd.LoadVector128(c + 6 * ldc + 4);
            c6_2 += AdvSimd.LoadVector128(c + 6 * ldc + 8);
            c7_0 += AdvSimd.LoadVector128(c + 7 * ldc + 0);
            c7_1 += AdvSimd.LoadVector128(c + 7 * ldc + 4);
            c7_2 += AdvSimd.LoadVector128(c + 7 * ldc + 8);
        }
        AdvSimd.Store(c + 0 * ldc + 0, c0_0);
        AdvSimd.Store(c + 0 * ldc + 4, c0_1);
        AdvSimd.Store(c + 0 * ldc + 8, c0_2);
        AdvSimd.Store(c + 1 * ldc + 0, c1_0);
        AdvSimd.Store(c + 1 * ldc + 4, c1_1);
        AdvSimd.Store(c + 1 * ldc + 8, c1_2);
        AdvSimd.Store(c + 2 * ldc + 0, c2_0);
        AdvSimd.Store(c + 2 * ldc + 4, c2_1);
        AdvSimd.Store(c + 2 * ldc + 8, c2_2);
        AdvSimd.Store(c + 3 * ldc + 0, c3_0);
        AdvSimd.Store(c + 3 * ldc + 4, c3_1);
        AdvSimd.Store(c + 3 * ldc + 8, c3_2);
        AdvSimd.Store(c + 4 * ldc + 0, c4_0);
        AdvSimd.Store(c + 4 * ldc + 4, c4_1);
        AdvSimd.Store(c + 4 * ldc + 8, c4_2);
        AdvSimd.Store(c + 5 * ldc + 0, c5_0);
        AdvSimd.Store(c + 5 * ldc + 4, c5_1);
        AdvSimd.Store(c + 5 * ldc + 8, c5_2);
        AdvSimd.Store(c + 6 * ldc + 0, c6_0);
        AdvSimd.Store(c + 6 * ldc + 4, c6_1);
        AdvSimd.Store(c + 6 * ldc + 8, c6_2);
        AdvSimd.Store(c + 7 * ldc + 0, c7_0);
        AdvSimd.Store(c + 7 * ldc + 4, c7_1);
        AdvSimd.Store(c + 7 * ldc + 8, c7_2);
    }

    /// <inheritdoc/>
    // c (rows×NR, row stride ldc, rows ≤ MR) = f(c + bias (NR)), bias optional (null)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Epilogue<TAct>(float* c, nint ldc, float* bias, int rows) where TAct : struct, IUnaryOperator =>
        GemmMicroKernel128.ApplyEpilogue<TAct>(c, ldc, bias, rows, 12);
}
