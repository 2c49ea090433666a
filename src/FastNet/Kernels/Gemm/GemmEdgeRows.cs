using System.Runtime.CompilerServices;
using static FastNet.Kernels.TileSizes;

namespace FastNet.Kernels;

/// <summary>
/// The last rows of a product whose row count is not a multiple of the micro-kernel's MR, computed alone: a batch of 32
/// rows on the 6-row AVX2 tile leaves 2, which would otherwise cost a whole tile (the 32-row prediction of a 784-256-10
/// model spent a tenth of its time on four rows of zeros). For kernels whose NR is two or three vectors (the 128-, 256-
/// and 512-bit kernels, two; ARM64's, three), up to 7 rows of accumulators. Each element is the same chain as in the
/// full tile (fused or not as the width's <see cref="IGemmVector{TVec}.MultiplyAdd"/> says, p ascending from zero, the
/// old c added last), so its bits do not depend on where it lies.
/// </summary>
internal static unsafe class GemmEdgeRows
{
    // c (rows×V·W, row stride ldc) = Σₚ a (first rows of an mr×kc panel, packed p-major) · b (kc×V·W, packed p-major),
    // + c when load; W = TV.Count, V = TVectors.Value (2 or 3), 0 < rows < 8
    public static void Multiply<TVec, TV, TVectors>(float* a, int mr, float* b, int kc, float* c, nint ldc, bool load, int rows)
        where TVec : struct where TV : struct, IGemmVector<TVec> where TVectors : struct, ITileSize
    {
        switch (rows)
        {
            case 1: Run<TVec, TV, TVectors, T1>(a, mr, b, kc, c, ldc, load); break;
            case 2: Run<TVec, TV, TVectors, T2>(a, mr, b, kc, c, ldc, load); break;
            case 3: Run<TVec, TV, TVectors, T3>(a, mr, b, kc, c, ldc, load); break;
            case 4: Run<TVec, TV, TVectors, T4>(a, mr, b, kc, c, ldc, load); break;
            case 5: Run<TVec, TV, TVectors, T5>(a, mr, b, kc, c, ldc, load); break;
            case 6: Run<TVec, TV, TVectors, T6>(a, mr, b, kc, c, ldc, load); break;
            case 7: Run<TVec, TV, TVectors, T7>(a, mr, b, kc, c, ldc, load); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows), rows, "an edge has 1 to 7 rows");
        }
    }

    // the body for R = TRows.Value rows of V = TVectors.Value vectors: JIT-time constants, so the rows and vectors past
    // them are no code at all; accumulator cR_q holds row R's vector q
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TVec, TV, TVectors, TRows>(float* a, int mr, float* b, int kc, float* c, nint ldc, bool load)
        where TVec : struct where TV : struct, IGemmVector<TVec> where TVectors : struct, ITileSize where TRows : struct, ITileSize
    {
        int w = TV.Count, v = TVectors.Value, rows = TRows.Value;
        TVec c0_0 = TV.Zero, c0_1 = TV.Zero, c0_2 = TV.Zero, c1_0 = TV.Zero, c1_1 = TV.Zero, c1_2 = TV.Zero;
        TVec c2_0 = TV.Zero, c2_1 = TV.Zero, c2_2 = TV.Zero, c3_0 = TV.Zero, c3_1 = TV.Zero, c3_2 = TV.Zero;
        TVec c4_0 = TV.Zero, c4_1 = TV.Zero, c4_2 = TV.Zero, c5_0 = TV.Zero, c5_1 = TV.Zero, c5_2 = TV.Zero;
        TVec c6_0 = TV.Zero, c6_1 = TV.Zero, c6_2 = TV.Zero;
        for (int p = 0; p < kc; p++, a += mr, b += v * w)
        {
            TVec b0 = TV.Load(b), b1 = TV.Load(b + w), b2 = v > 2 ? TV.Load(b + 2 * w) : b0;
            Update<TVec, TV, TVectors>(a[0], b0, b1, b2, ref c0_0, ref c0_1, ref c0_2);
            if (rows > 1) Update<TVec, TV, TVectors>(a[1], b0, b1, b2, ref c1_0, ref c1_1, ref c1_2);
            if (rows > 2) Update<TVec, TV, TVectors>(a[2], b0, b1, b2, ref c2_0, ref c2_1, ref c2_2);
            if (rows > 3) Update<TVec, TV, TVectors>(a[3], b0, b1, b2, ref c3_0, ref c3_1, ref c3_2);
            if (rows > 4) Update<TVec, TV, TVectors>(a[4], b0, b1, b2, ref c4_0, ref c4_1, ref c4_2);
            if (rows > 5) Update<TVec, TV, TVectors>(a[5], b0, b1, b2, ref c5_0, ref c5_1, ref c5_2);
            if (rows > 6) Update<TVec, TV, TVectors>(a[6], b0, b1, b2, ref c6_0, ref c6_1, ref c6_2);
        }
        Finish<TVec, TV, TVectors>(c, w, c0_0, c0_1, c0_2, load);
        if (rows > 1) Finish<TVec, TV, TVectors>(c + ldc, w, c1_0, c1_1, c1_2, load);
        if (rows > 2) Finish<TVec, TV, TVectors>(c + 2 * ldc, w, c2_0, c2_1, c2_2, load);
        if (rows > 3) Finish<TVec, TV, TVectors>(c + 3 * ldc, w, c3_0, c3_1, c3_2, load);
        if (rows > 4) Finish<TVec, TV, TVectors>(c + 4 * ldc, w, c4_0, c4_1, c4_2, load);
        if (rows > 5) Finish<TVec, TV, TVectors>(c + 5 * ldc, w, c5_0, c5_1, c5_2, load);
        if (rows > 6) Finish<TVec, TV, TVectors>(c + 6 * ldc, w, c6_0, c6_1, c6_2, load);
    }

    // one row of the tile: [c0 c1 c2] += a · [b0 b1 b2] (c2 only with three vectors)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TVec, TV, TVectors>(float a, TVec b0, TVec b1, TVec b2, ref TVec c0, ref TVec c1, ref TVec c2)
        where TVec : struct where TV : struct, IGemmVector<TVec> where TVectors : struct, ITileSize
    {
        TVec ar = TV.Broadcast(a);
        c0 = TV.MultiplyAdd(ar, b0, c0);
        c1 = TV.MultiplyAdd(ar, b1, c1);
        if (TVectors.Value > 2) c2 = TV.MultiplyAdd(ar, b2, c2);
    }

    // c (one row of V·W) = [c0 c1 c2], + the old c when load
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TVec, TV, TVectors>(float* c, int w, TVec c0, TVec c1, TVec c2, bool load)
        where TVec : struct where TV : struct, IGemmVector<TVec> where TVectors : struct, ITileSize
    {
        if (load)
        {
            c0 = TV.Add(c0, TV.Load(c));
            c1 = TV.Add(c1, TV.Load(c + w));
            if (TVectors.Value > 2) c2 = TV.Add(c2, TV.Load(c + 2 * w));
        }
        TV.Store(c0, c);
        TV.Store(c1, c + w);
        if (TVectors.Value > 2) TV.Store(c2, c + 2 * w);
    }
}
