using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastNet.Kernels;

/// <summary>
/// An 8×8 block transpose in AVX registers (unpack, shuffle, lane swap: 24 shuffles for 64 floats), and a 6×8 one for
/// the AVX2 kernel's 6-row panels, which let packing turn row-major a (nn, nt) and transposed b (nt) into k-major panels
/// with contiguous loads and stores instead of one strided scalar store per element.
/// </summary>
internal static unsafe class Transpose8x8
{
    /// <summary>True when the AVX block transpose runs in hardware.</summary>
    public static bool IsSupported => Avx.IsSupported;

    // dst (8×8, row stride dstStride) = srcᵀ (8×8, row stride srcStride)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride), r5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * srcStride), r7 = Avx.LoadVector256(src + 7 * srcStride);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(s3, s7, 0x31));
    }

    // dst (8×6, row stride 6) = srcᵀ (6×8, row stride srcStride): eight k steps of a 6-row panel of a (the AVX2 kernel's
    // MR), the same unpacks and shuffles with the two missing rows left out, each output row stored as 4 + 2 floats
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RunSixRows(float* src, nint srcStride, float* dst)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride), r5 = Avx.LoadVector256(src + 5 * srcStride);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        // (r4[q], r5[q]) pairs: q = 0, 1 | 4, 5 in t4 and q = 2, 3 | 6, 7 in t5
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);

        // rows 0–3 of output rows q | q + 4
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);

        Vector128<float> t4Low = t4.GetLower(), t4High = t4.GetUpper(), t5Low = t5.GetLower(), t5High = t5.GetUpper();
        Sse.Store(dst + 0, s0.GetLower()); Sse.StoreLow(dst + 4, t4Low);
        Sse.Store(dst + 6, s1.GetLower()); Sse.StoreHigh(dst + 10, t4Low);
        Sse.Store(dst + 12, s2.GetLower()); Sse.StoreLow(dst + 16, t5Low);
        Sse.Store(dst + 18, s3.GetLower()); Sse.StoreHigh(dst + 22, t5Low);
        Sse.Store(dst + 24, s0.GetUpper()); Sse.StoreLow(dst + 28, t4High);
        Sse.Store(dst + 30, s1.GetUpper()); Sse.StoreHigh(dst + 34, t4High);
        Sse.Store(dst + 36, s2.GetUpper()); Sse.StoreLow(dst + 40, t5High);
        Sse.Store(dst + 42, s3.GetUpper()); Sse.StoreHigh(dst + 46, t5High);
    }
}
