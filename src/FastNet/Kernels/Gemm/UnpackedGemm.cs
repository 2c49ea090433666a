using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Activations;
using static FastNet.Kernels.TileSizes;

namespace FastNet.Kernels;

/// <summary>
/// The unpacked products of inference (BLIS's "sup" idea): c (m×n) = f(a (m×k) · b (k×n) + bias) with a read where it
/// lies and b from a row-major copy padded to whole vectors, nothing packed per call. It serves the shapes whose packing
/// costs more than it saves: one or a few rows (a GEMV that streams b once), few outputs (the 10-unit output layer: with
/// the padding a 10-wide c is two Vector256, not a 16-column tile) and few inputs. Register tiles are R rows × V vectors
/// with R·V = 8 accumulators, V chosen from n so no vector is spent on columns that do not exist.
/// <para>
/// Each element is the micro-kernels' sequence exactly: a fused multiply-add chain over p inside each of
/// <see cref="GemmDriver"/>'s k slices, each slice's sum added to the previous ones, then f(c + bias). So an element
/// computed here has the bits the packed GEMM gives it, on every width, whatever the tiling or the batch split.
/// </para>
/// </summary>
internal static unsafe class UnpackedGemm
{
    /// <summary>Columns every padded b row holds: a multiple of every vector width (16 floats is one Vector512).</summary>
    public static int PaddedColumns(int n) => (n + 15) / 16 * 16;

    /// <summary>The depth of the k slices the packed GEMM sums an n-column product in on this machine.</summary>
    public static int SliceDepth(int k, int n) => GemmDriver.SliceDepth(k, GemmKernelInfo.Of(GemmIsaInfo.Best, n).Blocking.KC);

    /// <summary>The widest vector (floats: 16, 8, 4 or 1) the hardware accelerates: the width <see cref="Run"/> takes by default.</summary>
    public static readonly int BestLanes = GemmVectors.V512.IsAccelerated ? 16 : GemmVectors.V256.IsAccelerated ? 8 : GemmVectors.V128.IsAccelerated ? 4 : 1;

    /// <summary>
    /// c (m×n, row stride ldc) = f(a (m×k, row stride lda) · b (k×n, row stride ldb ≥ <see cref="PaddedColumns"/>(n),
    /// columns past n zero) + bias), bias (padded like b) may be null; with vectors of <paramref name="lanes"/> floats
    /// (16, 8, 4 or 1; every width is correct on any machine and gives the same bits), summing in k slices of
    /// <paramref name="kc"/> (<see cref="SliceDepth"/>: the packed GEMM's for this shape, so the bits are its bits).
    /// </summary>
    public static void Run(int lanes, float* a, nint lda, float* b, nint ldb, float* c, nint ldc, int m, int k, int n,
        float* bias, Activation activation, int kc)
    {
        switch (lanes)
        {
            case 16: Run<GemmVectors.V512, Vector512<float>>(a, lda, b, ldb, c, ldc, m, k, n, bias, activation, kc); break;
            case 8: Run<GemmVectors.V256, Vector256<float>>(a, lda, b, ldb, c, ldc, m, k, n, bias, activation, kc); break;
            case 4: Run<GemmVectors.V128, Vector128<float>>(a, lda, b, ldb, c, ldc, m, k, n, bias, activation, kc); break;
            case 1: Run<GemmVectors.Scalar, float>(a, lda, b, ldb, c, ldc, m, k, n, bias, activation, kc); break;
            default: throw new ArgumentOutOfRangeException(nameof(lanes), lanes, "16, 8, 4 or 1");
        }
    }

    private static void Run<TV, TVec>(float* a, nint lda, float* b, nint ldb, float* c, nint ldc, int m, int k, int n, float* bias, Activation activation, int kc)
        where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        bool epilogue = bias != null || activation != Activation.Identity;
        switch (activation)
        {
            case Activation.Identity: Strips<TV, TVec, IdentityOperator>(a, lda, b, ldb, c, ldc, m, k, n, bias, epilogue, kc); break;
            case Activation.Sigmoid: Strips<TV, TVec, SigmoidOperator>(a, lda, b, ldb, c, ldc, m, k, n, bias, epilogue, kc); break;
            case Activation.Tanh: Strips<TV, TVec, TanhOperator>(a, lda, b, ldb, c, ldc, m, k, n, bias, epilogue, kc); break;
            case Activation.Relu: Strips<TV, TVec, ReluOperator>(a, lda, b, ldb, c, ldc, m, k, n, bias, epilogue, kc); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "not element-wise");
        }
    }

    // c in column strips of V vectors (8, 4, 2, 1 as far as n reaches; for 2 to 4 rows at most 8 / m, so one tile of
    // rows streams each strip of b once), each strip over all rows in tiles of up to 8/V rows: a GEMV (m = 1) streams b
    // once; a 10-wide c is one strip of two Vector256
    private static void Strips<TV, TVec, TAct>(float* a, nint lda, float* b, nint ldb, float* c, nint ldc, int m, int k, int n,
        float* bias, bool epilogue, int kc)
        where TV : struct, IGemmVector<TVec> where TVec : struct where TAct : struct, IUnaryOperator
    {
        int w = TV.Count, vectors = (n + w - 1) / w;
        int widest = m == 1 || m > 4 ? 8 : m == 2 ? 4 : 2;
        float* partial = stackalloc float[16 + 8 * 16];
        var strip = new Strip(a, lda, b, ldb, c, ldc, k, kc, n, bias, epilogue, partial);
        int v = 0;
        if (widest == 8) for (; v + 8 <= vectors; v += 8) Rows<TV, TVec, TAct, T8>(strip, v * w, m);
        if (widest >= 4) for (; v + 4 <= vectors; v += 4) Rows<TV, TVec, TAct, T4>(strip, v * w, m);
        for (; v + 2 <= vectors; v += 2) Rows<TV, TVec, TAct, T2>(strip, v * w, m);
        if (v < vectors) Rows<TV, TVec, TAct, T1>(strip, v * w, m);
    }

    // rows in tiles of 8/V, then what is left in tiles of half, a quarter ... one row
    private static void Rows<TV, TVec, TAct, TWidth>(in Strip strip, int j, int m)
        where TV : struct, IGemmVector<TVec> where TVec : struct where TAct : struct, IUnaryOperator where TWidth : struct, ITileSize
    {
        int i = 0, tile = 8 / TWidth.Value;
        if (tile >= 8) for (; i + 8 <= m; i += 8) Tile<TV, TVec, TAct, T8, TWidth>(strip, i, j);
        if (tile >= 4) for (; i + 4 <= m; i += 4) Tile<TV, TVec, TAct, T4, TWidth>(strip, i, j);
        if (tile >= 2) for (; i + 2 <= m; i += 2) Tile<TV, TVec, TAct, T2, TWidth>(strip, i, j);
        for (; i < m; i++) Tile<TV, TVec, TAct, T1, TWidth>(strip, i, j);
    }

    // c rows i .. i+R, columns j .. j+V·w (clipped to n) = f(Σₚ a rows · b rows p + bias); accumulator q is row q / V,
    // vector q % V. R, V and the width are JIT-time constants, so only the accumulators the tile uses exist.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TV, TVec, TAct, TRows, TWidth>(in Strip strip, int i, int j)
        where TV : struct, IGemmVector<TVec> where TVec : struct where TAct : struct, IUnaryOperator
        where TRows : struct, ITileSize where TWidth : struct, ITileSize
    {
        int R = TRows.Value, V = TWidth.Value, w = TV.Count;
        nint lda = strip.Lda, ldb = strip.Ldb;
        float* a = strip.A + i * lda;
        float* b = strip.B + j;
        float* c = strip.C + i * strip.Ldc + j;
        int k = strip.K;
        float* partial = strip.Partial;
        for (int p0 = 0; p0 < k; p0 += strip.Kc)
        {
            int p1 = Math.Min(k, p0 + strip.Kc);
            TVec s0 = TV.Zero, s1 = TV.Zero, s2 = TV.Zero, s3 = TV.Zero, s4 = TV.Zero, s5 = TV.Zero, s6 = TV.Zero, s7 = TV.Zero;
            if (V == 8)
            {
                for (int p = p0; p < p1; p++)
                {
                    float* bp = b + p * ldb;
                    TVec x = TV.Broadcast(a[p]);
                    s0 = TV.MultiplyAdd(x, TV.Load(bp), s0);
                    s1 = TV.MultiplyAdd(x, TV.Load(bp + w), s1);
                    s2 = TV.MultiplyAdd(x, TV.Load(bp + 2 * w), s2);
                    s3 = TV.MultiplyAdd(x, TV.Load(bp + 3 * w), s3);
                    s4 = TV.MultiplyAdd(x, TV.Load(bp + 4 * w), s4);
                    s5 = TV.MultiplyAdd(x, TV.Load(bp + 5 * w), s5);
                    s6 = TV.MultiplyAdd(x, TV.Load(bp + 6 * w), s6);
                    s7 = TV.MultiplyAdd(x, TV.Load(bp + 7 * w), s7);
                }
            }
            else if (V == 4)
            {
                for (int p = p0; p < p1; p++)
                {
                    float* bp = b + p * ldb;
                    TVec b0 = TV.Load(bp), b1 = TV.Load(bp + w), b2 = TV.Load(bp + 2 * w), b3 = TV.Load(bp + 3 * w);
                    TVec x0 = TV.Broadcast(a[p]);
                    s0 = TV.MultiplyAdd(x0, b0, s0); s1 = TV.MultiplyAdd(x0, b1, s1);
                    s2 = TV.MultiplyAdd(x0, b2, s2); s3 = TV.MultiplyAdd(x0, b3, s3);
                    if (R > 1)
                    {
                        TVec x1 = TV.Broadcast(a[lda + p]);
                        s4 = TV.MultiplyAdd(x1, b0, s4); s5 = TV.MultiplyAdd(x1, b1, s5);
                        s6 = TV.MultiplyAdd(x1, b2, s6); s7 = TV.MultiplyAdd(x1, b3, s7);
                    }
                }
            }
            else if (V == 2)
            {
                for (int p = p0; p < p1; p++)
                {
                    float* bp = b + p * ldb;
                    TVec b0 = TV.Load(bp), b1 = TV.Load(bp + w);
                    TVec x0 = TV.Broadcast(a[p]);
                    s0 = TV.MultiplyAdd(x0, b0, s0); s1 = TV.MultiplyAdd(x0, b1, s1);
                    if (R > 1) { TVec x1 = TV.Broadcast(a[lda + p]); s2 = TV.MultiplyAdd(x1, b0, s2); s3 = TV.MultiplyAdd(x1, b1, s3); }
                    if (R > 2) { TVec x2 = TV.Broadcast(a[2 * lda + p]); s4 = TV.MultiplyAdd(x2, b0, s4); s5 = TV.MultiplyAdd(x2, b1, s5); }
                    if (R > 3) { TVec x3 = TV.Broadcast(a[3 * lda + p]); s6 = TV.MultiplyAdd(x3, b0, s6); s7 = TV.MultiplyAdd(x3, b1, s7); }
                }
            }
            else
            {
                for (int p = p0; p < p1; p++)
                {
                    TVec b0 = TV.Load(b + p * ldb);
                    s0 = TV.MultiplyAdd(TV.Broadcast(a[p]), b0, s0);
                    if (R > 1) s1 = TV.MultiplyAdd(TV.Broadcast(a[lda + p]), b0, s1);
                    if (R > 2) s2 = TV.MultiplyAdd(TV.Broadcast(a[2 * lda + p]), b0, s2);
                    if (R > 3) s3 = TV.MultiplyAdd(TV.Broadcast(a[3 * lda + p]), b0, s3);
                    if (R > 4) s4 = TV.MultiplyAdd(TV.Broadcast(a[4 * lda + p]), b0, s4);
                    if (R > 5) s5 = TV.MultiplyAdd(TV.Broadcast(a[5 * lda + p]), b0, s5);
                    if (R > 6) s6 = TV.MultiplyAdd(TV.Broadcast(a[6 * lda + p]), b0, s6);
                    if (R > 7) s7 = TV.MultiplyAdd(TV.Broadcast(a[7 * lda + p]), b0, s7);
                }
            }
            bool first = p0 == 0, last = p1 == k;
            // park the sums first: no accumulator lives across the epilogue's calls, which would make the JIT spill them
            // inside the loop above (every vector register is caller-saved)
            float* sums = partial + 16;
            TV.Store(s0, sums);
            if (R * V > 1) TV.Store(s1, sums + 16);
            if (R * V > 2) TV.Store(s2, sums + 32);
            if (R * V > 3) TV.Store(s3, sums + 48);
            if (R * V > 4) TV.Store(s4, sums + 64);
            if (R * V > 5) TV.Store(s5, sums + 80);
            if (R * V > 6) TV.Store(s6, sums + 96);
            if (R * V > 7) TV.Store(s7, sums + 112);
            for (int q = 0; q < R * V; q++) Finish<TV, TVec, TAct>(strip, TV.Load(sums + 16 * q), c, j, q, V, first, last, partial);
        }
    }

    // accumulator q of a tile at (row 0, column j of the strip's c): + the earlier slices' sum (as the micro-kernels add
    // the old c), then on the last slice f(s + bias), stored; a vector that passes column n goes through a stack copy
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TV, TVec, TAct>(in Strip strip, TVec s, float* c, int j, int q, int vectors, bool first, bool last, float* partial)
        where TV : struct, IGemmVector<TVec> where TVec : struct where TAct : struct, IUnaryOperator
    {
        int w = TV.Count, row = q / vectors, column = q % vectors * w;
        float* target = c + row * strip.Ldc + column;
        int count = Math.Min(w, strip.N - j - column);
        float* at = count == w ? target : partial;
        if (count < w && !first) Unsafe.CopyBlockUnaligned(partial, target, (uint)count * sizeof(float));
        if (!first) s = TV.Add(s, TV.Load(at));
        if (last && strip.Epilogue) s = TV.Apply<TAct>(TV.Add(s, strip.Bias == null ? TV.Zero : TV.Load(strip.Bias + j + column)));
        TV.Store(s, at);
        if (count < w) Unsafe.CopyBlockUnaligned(target, partial, (uint)count * sizeof(float));
    }

    // the operands of one product, passed to every tile
    private readonly struct Strip(float* a, nint lda, float* b, nint ldb, float* c, nint ldc, int k, int kc, int n, float* bias, bool epilogue,
        float* partial)
    {
        public readonly float* A = a, B = b, C = c, Bias = bias, Partial = partial;   // 16 floats for a vector that passes column n, then 8 × 16 for the parked sums
        public readonly nint Lda = lda, Ldb = ldb, Ldc = ldc;
        public readonly int K = k, Kc = kc, N = n;
        public readonly bool Epilogue = epilogue;
    }
}
