using System.Runtime.CompilerServices;

namespace FastNet.Kernels;

/// <summary>
/// The last rows of a product whose row count is not a multiple of the micro-kernel's MR, computed alone: a batch of 32
/// rows on the 6-row AVX2 tile leaves 2, which would otherwise cost a whole tile (the 32-row prediction of a 784-256-10
/// model spent a sixth of its time on four rows of zeros). For the kernels whose NR is two vectors (128, 256 and
/// 512 bits): up to 7 rows, each two accumulators, so every multiply-add chain of the tile keeps its place. Each element
/// is the same chain as in the full tile (fused or not as the width's <see cref="IGemmVector{TVec}.MultiplyAdd"/> says, p ascending from zero, the old
/// c added last), so its bits do not depend on where it lies.
/// </summary>
internal static unsafe class GemmEdgeRows
{
    // c (rows×2W, row stride ldc) = Σₚ a (first rows of an mr×kc panel, packed p-major) · b (kc×2W, packed p-major),
    // + c when load; W = TV.Count, 0 < rows < 8
    public static void Multiply<TVec, TV>(float* a, int mr, float* b, int kc, float* c, nint ldc, bool load, int rows)
        where TVec : struct where TV : struct, IGemmVector<TVec>
    {
        switch (rows)
        {
            case 1: Run<TVec, TV, Rows1>(a, mr, b, kc, c, ldc, load); break;
            case 2: Run<TVec, TV, Rows2>(a, mr, b, kc, c, ldc, load); break;
            case 3: Run<TVec, TV, Rows3>(a, mr, b, kc, c, ldc, load); break;
            case 4: Run<TVec, TV, Rows4>(a, mr, b, kc, c, ldc, load); break;
            case 5: Run<TVec, TV, Rows5>(a, mr, b, kc, c, ldc, load); break;
            case 6: Run<TVec, TV, Rows6>(a, mr, b, kc, c, ldc, load); break;
            case 7: Run<TVec, TV, Rows7>(a, mr, b, kc, c, ldc, load); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows), rows, "an edge has 1 to 7 rows");
        }
    }

    // the body for TRows.Value rows: a JIT-time constant, so the rows past it are no code at all
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TVec, TV, TRows>(float* a, int mr, float* b, int kc, float* c, nint ldc, bool load)
        where TVec : struct where TV : struct, IGemmVector<TVec> where TRows : struct, IRowCount
    {
        int w = TV.Count, rows = TRows.Value;
        TVec c0_0 = TV.Zero, c0_1 = TV.Zero, c1_0 = TV.Zero, c1_1 = TV.Zero, c2_0 = TV.Zero, c2_1 = TV.Zero;
        TVec c3_0 = TV.Zero, c3_1 = TV.Zero, c4_0 = TV.Zero, c4_1 = TV.Zero, c5_0 = TV.Zero, c5_1 = TV.Zero;
        TVec c6_0 = TV.Zero, c6_1 = TV.Zero;
        for (int p = 0; p < kc; p++, a += mr, b += 2 * w)
        {
            TVec b0 = TV.Load(b), b1 = TV.Load(b + w);
            Update<TVec, TV>(a[0], b0, b1, ref c0_0, ref c0_1);
            if (rows > 1) Update<TVec, TV>(a[1], b0, b1, ref c1_0, ref c1_1);
            if (rows > 2) Update<TVec, TV>(a[2], b0, b1, ref c2_0, ref c2_1);
            if (rows > 3) Update<TVec, TV>(a[3], b0, b1, ref c3_0, ref c3_1);
            if (rows > 4) Update<TVec, TV>(a[4], b0, b1, ref c4_0, ref c4_1);
            if (rows > 5) Update<TVec, TV>(a[5], b0, b1, ref c5_0, ref c5_1);
            if (rows > 6) Update<TVec, TV>(a[6], b0, b1, ref c6_0, ref c6_1);
        }
        Finish<TVec, TV>(c, w, c0_0, c0_1, load);
        if (rows > 1) Finish<TVec, TV>(c + ldc, w, c1_0, c1_1, load);
        if (rows > 2) Finish<TVec, TV>(c + 2 * ldc, w, c2_0, c2_1, load);
        if (rows > 3) Finish<TVec, TV>(c + 3 * ldc, w, c3_0, c3_1, load);
        if (rows > 4) Finish<TVec, TV>(c + 4 * ldc, w, c4_0, c4_1, load);
        if (rows > 5) Finish<TVec, TV>(c + 5 * ldc, w, c5_0, c5_1, load);
        if (rows > 6) Finish<TVec, TV>(c + 6 * ldc, w, c6_0, c6_1, load);
    }

    // one row of the tile: [c0 c1] += a · [b0 b1]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TVec, TV>(float a, TVec b0, TVec b1, ref TVec c0, ref TVec c1)
        where TVec : struct where TV : struct, IGemmVector<TVec>
    {
        TVec ar = TV.Broadcast(a);
        c0 = TV.MultiplyAdd(ar, b0, c0);
        c1 = TV.MultiplyAdd(ar, b1, c1);
    }

    // c (one row of 2W) = [c0 c1], + the old c when load
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TVec, TV>(float* c, int w, TVec c0, TVec c1, bool load)
        where TVec : struct where TV : struct, IGemmVector<TVec>
    {
        if (load)
        {
            c0 = TV.Add(c0, TV.Load(c));
            c1 = TV.Add(c1, TV.Load(c + w));
        }
        TV.Store(c0, c);
        TV.Store(c1, c + w);
    }

    /// <summary>A row count known when the JIT compiles, one type per count.</summary>
    private interface IRowCount
    {
        static abstract int Value { get; }
    }

    private readonly struct Rows1 : IRowCount { public static int Value => 1; }
    private readonly struct Rows2 : IRowCount { public static int Value => 2; }
    private readonly struct Rows3 : IRowCount { public static int Value => 3; }
    private readonly struct Rows4 : IRowCount { public static int Value => 4; }
    private readonly struct Rows5 : IRowCount { public static int Value => 5; }
    private readonly struct Rows6 : IRowCount { public static int Value => 6; }
    private readonly struct Rows7 : IRowCount { public static int Value => 7; }
}
