using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastNet.Kernels;

/// <summary>
/// The portable 128-bit micro-kernel, written for x64 with SSE only (AVX off, or a baseline native-AOT build): a 6×8
/// tile of c in 12 xmm accumulators (two Vector128 per row), leaving 4 of the 16 xmm registers for the two vectors of
/// b, the broadcast of a and the product. Multiply-adds are fused only where the hardware has FMA
/// (<see cref="MultiplyAdd"/>). It runs on any machine; ARM64 takes <see cref="GemmMicroKernelAdvSimd"/> instead.
/// </summary>
internal readonly unsafe struct GemmMicroKernel128 : IGemmMicroKernel
{
    /// <inheritdoc/>
    public static bool IsSupported => true;
    /// <inheritdoc/>
    public static int MR => 6;
    /// <inheritdoc/>
    public static int NR => 8;

    /// <inheritdoc/>
    public static bool HasRowEdge => true;

    /// <inheritdoc/>
    public static void MultiplyRows(float* a, float* b, int kc, float* c, nint ldc, bool load, int rows) =>
        GemmEdgeRows.Multiply<Vector128<float>, GemmVectors.V128, TileSizes.T2>(a, MR, b, kc, c, ldc, load, rows);

    /// <inheritdoc/>
    // c (MR×NR, row stride ldc) = Σₚ a (MR×kc, packed p-major) · b (kc×NR, packed p-major), + c when load
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load)
    {
        Vector128<float> c0_0 = default, c0_1 = default;
        Vector128<float> c1_0 = default, c1_1 = default;
        Vector128<float> c2_0 = default, c2_1 = default;
        Vector128<float> c3_0 = default, c3_1 = default;
        Vector128<float> c4_0 = default, c4_1 = default;
        Vector128<float> c5_0 = default, c5_1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b + 0);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> a03 = Vector128.Load(a);
            Vector128<float> a0 = Lane(a03, 0x00, a[0]);
            c0_0 = MultiplyAdd.Vector(a0, b0, c0_0);
            c0_1 = MultiplyAdd.Vector(a0, b1, c0_1);
            Vector128<float> a1 = Lane(a03, 0x55, a[1]);
            c1_0 = MultiplyAdd.Vector(a1, b0, c1_0);
            c1_1 = MultiplyAdd.Vector(a1, b1, c1_1);
            Vector128<float> a2 = Lane(a03, 0xAA, a[2]);
            c2_0 = MultiplyAdd.Vector(a2, b0, c2_0);
            c2_1 = MultiplyAdd.Vector(a2, b1, c2_1);
            Vector128<float> a3 = Lane(a03, 0xFF, a[3]);
            c3_0 = MultiplyAdd.Vector(a3, b0, c3_0);
            c3_1 = MultiplyAdd.Vector(a3, b1, c3_1);
            Vector128<float> a45 = Vector128.CreateScalar(*(double*)(a + 4)).AsSingle();   // loaded once a03 is dead: one register fewer
            Vector128<float> a4 = Lane(a45, 0x00, a[4]);
            c4_0 = MultiplyAdd.Vector(a4, b0, c4_0);
            c4_1 = MultiplyAdd.Vector(a4, b1, c4_1);
            Vector128<float> a5 = Lane(a45, 0x55, a[5]);
            c5_0 = MultiplyAdd.Vector(a5, b0, c5_0);
            c5_1 = MultiplyAdd.Vector(a5, b1, c5_1);
            a += 6;
            b += 8;
        }
        if (load)
        {
            c0_0 += Vector128.Load(c + 0 * ldc + 0);
            c0_1 += Vector128.Load(c + 0 * ldc + 4);
            c1_0 += Vector128.Load(c + 1 * ldc + 0);
            c1_1 += Vector128.Load(c + 1 * ldc + 4);
            c2_0 += Vector128.Load(c + 2 * ldc + 0);
            c2_1 += Vector128.Load(c + 2 * ldc + 4);
            c3_0 += Vector128.Load(c + 3 * ldc + 0);
            c3_1 += Vector128.Load(c + 3 * ldc + 4);
            c4_0 += Vector128.Load(c + 4 * ldc + 0);
            c4_1 += Vector128.Load(c + 4 * ldc + 4);
            c5_0 += Vector128.Load(c + 5 * ldc + 0);
            c5_1 += Vector128.Load(c + 5 * ldc + 4);
        }
        c0_0.Store(c + 0 * ldc + 0);
        c0_1.Store(c + 0 * ldc + 4);
        c1_0.Store(c + 1 * ldc + 0);
        c1_1.Store(c + 1 * ldc + 4);
        c2_0.Store(c + 2 * ldc + 0);
        c2_1.Store(c + 2 * ldc + 4);
        c3_0.Store(c + 3 * ldc + 0);
        c3_1.Store(c + 3 * ldc + 4);
        c4_0.Store(c + 4 * ldc + 0);
        c4_1.Store(c + 4 * ldc + 4);
        c5_0.Store(c + 5 * ldc + 0);
        c5_1.Store(c + 5 * ldc + 4);
    }

    // one lane of v in every lane (control 0x55·lane): SSE2's pshufd, one instruction that leaves v as it is, where
    // Vector128.Create(a[i]) is a load and a shufps, which overwrites its source and so costs a register copy per row
    // (Zen 1, AVX off, 512³: 17.0 → 18.4 GFLOP/s, medians of 6); x elsewhere
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Lane(Vector128<float> v, [ConstantExpected] byte control, float x) =>
        Sse2.IsSupported ? Sse2.Shuffle(v.AsInt32(), control).AsSingle() : Vector128.Create(x);

    /// <inheritdoc/>
    // c (rows×NR, row stride ldc, rows ≤ MR) = f(c + bias (NR)), bias optional (null)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Epilogue<TAct>(float* c, nint ldc, float* bias, int rows) where TAct : struct, IUnaryOperator =>
        ApplyEpilogue<TAct>(c, ldc, bias, rows, 8);

    // c (rows×columns, row stride ldc) = f(c + bias (columns)), bias optional (null), four columns per Vector128; columns
    // a multiple of 4. The epilogue of every 128-bit kernel (this one and the ARM64 one).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ApplyEpilogue<TAct>(float* c, nint ldc, float* bias, int rows, int columns) where TAct : struct, IUnaryOperator
    {
        for (int r = 0; r < rows; r++, c += ldc)
            for (int j = 0; j < columns; j += 4)
            {
                Vector128<float> v = Vector128.Load(c + j);
                if (bias != null) v += Vector128.Load(bias + j);
                TAct.Invoke(v).Store(c + j);
            }
    }
}
