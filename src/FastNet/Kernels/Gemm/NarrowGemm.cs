using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static FastNet.Kernels.TileSizes;

namespace FastNet.Kernels;

/// <summary>
/// Products with few columns (n ≤ <see cref="MaxColumns"/>: the output layer of a few classes, its weight gradient)
/// without packing and without vector lanes spent on columns that do not exist. The packed GEMM gives such a product
/// 16-column tiles (a 10-wide c wastes 6 of every 16 lanes) and packs all of a (for 1024×256×10, as long as multiplying).
/// Vectors run along k instead:
/// <list type="bullet">
/// <item>a row-major (nn, nt): along k. Each element is a dot product of a row of a and a row of bᵀ: lane l sums the
/// steps p ≡ l (mod lanes) as one multiply-add chain, the lanes are added
/// (<see cref="IGemmVector{TVec}.Sum(TVec, TVec, TVec, TVec)"/>, four elements at a time), then the last k mod lanes
/// steps one by one; four sums that are a row of c (or two rows of two) are written as one vector. b of nn is
/// transposed into scratch once per call (n×k floats); b of nt is bᵀ already.</item>
/// <item>a transposed (tn: the output layer's weight gradient xᵀ·dz): along m. Row p of a holds column p of op(a), so a
/// vector holds consecutive rows i of c for one column j: lane r sums c(i + r, j) as one multiply-add chain over p, b's
/// element broadcast, and the lanes are written out transposed (<see cref="IGemmVector{TVec}.StoreAsRows"/>: 4×4
/// blocks, then a vector per row of c). Nothing is reduced across lanes. A tile's k×2·lanes slice of a is copied once
/// into contiguous scratch that every column group then reads: read in place, a step's row lies a whole row of a (often
/// a multiple of 4 KiB) past the last, so each column group would fetch k lines that share one L1 set and k pages from
/// L2 again.</item>
/// </list>
/// An element's sequence depends on nothing but its own row and column, so any split of the rows (threads,
/// batches) gives the same bits. Then + c (accumulate), + bias and f, as the other paths.
/// </summary>
internal static unsafe class NarrowGemm
{
    /// <summary>The widest product that takes this path.</summary>
    public const int MaxColumns = 15;

    /// <summary>True when an m×k×n product in this form takes this path.</summary>
    public static bool Takes(GemmForm form, int m, int k, int n) => n <= MaxColumns && m > 0 && k > 0;

    /// <summary>
    /// Tiles of a tn product whose slices of a are copied in one pass, with vectors of <paramref name="lanes"/> floats:
    /// enough that each row of a gives 64 consecutive floats (four 64-byte lines) per visit to its page instead of one
    /// line, and no fewer than 4 or more than 8; the copy (tiles·k·2 vectors) still streams from L2 into the kernel.
    /// Measured on AVX2 (Zen 4, 1024×256×10 tn, medians of 5 alternations): 2 tiles 36, 4 tiles 47, 8 tiles 38 GFLOP/s;
    /// on 128 bits (Zen 1, AVX off, medians of 7): 4 tiles 12.3, 8 tiles 13.1.
    /// </summary>
    private static int PanelTiles(int lanes) => Math.Clamp(64 / (2 * lanes), 4, 8);

    /// <summary>Rows of c the tiles of one tn copy cover at most: 4 tiles of two vectors of the widest path, 8 of 128 bits.</summary>
    private const int PanelRows = 4 * 2 * 16;

    /// <summary>Floats of scratch an m×k×n product in this form needs (nn's bᵀ, tn's copied slices of a; nt needs none).</summary>
    public static long ScratchLength(GemmForm form, int m, int k, int n) => form switch
    {
        GemmForm.NN => (long)k * n,
        GemmForm.TN => (long)k * Math.Min(m, PanelRows),
        _ => 0,
    };

    /// <summary>Floats of scratch an m×k×n product needs in any form.</summary>
    public static long ScratchLength(int m, int k, int n) =>
        Math.Max(ScratchLength(GemmForm.NN, m, k, n), ScratchLength(GemmForm.TN, m, k, n));

    /// <summary>Floats per vector on an instruction-set path: 16, 8, 4 or 1.</summary>
    public static int Lanes(GemmIsa isa) => isa switch
    {
        GemmIsa.Vector512 => 16,
        GemmIsa.Vector256 => 8,
        GemmIsa.Vector128 => 4,
        _ => 1,
    };

    /// <summary>c (m×n) = f(op(a) · op(b) [+ c] + bias) with vectors of <paramref name="lanes"/> floats; scratch holds <see cref="ScratchLength(GemmForm, int, int, int)"/> floats.</summary>
    public static void Run(int lanes, in GemmProblem problem, float* scratch)
    {
        switch (lanes)
        {
            case 16: Run<GemmVectors.V512, Vector512<float>>(problem, scratch); break;
            case 8: Run<GemmVectors.V256, Vector256<float>>(problem, scratch); break;
            case 4: Run<GemmVectors.V128, Vector128<float>>(problem, scratch); break;
            case 1: Run<GemmVectors.Scalar, float>(problem, scratch); break;
            default: throw new ArgumentOutOfRangeException(nameof(lanes), lanes, "16, 8, 4 or 1");
        }
        if (problem.Activation != Activation.Identity) SmallGemm.ApplyActivation(problem);
    }

    /// <summary>
    /// c (m×n, row stride ldc) = f(a (m×k, row stride lda) · bᵀ + bias), where bᵀ (n×k, row stride ldbt) holds b's
    /// columns as rows (a layer's weights transposed once) and bias (n) may be null: an nn product of this path, with
    /// its bits, without transposing b per call.
    /// </summary>
    public static void RunTransposedB(int lanes, float* a, nint lda, float* bt, nint ldbt, float* c, nint ldc, int m, int k, int n,
        float* bias, Activation activation)
    {
        var problem = new GemmProblem
        {
            A = a, ARowStride = lda, AColStride = 1, B = bt, BRowStride = 1, BColStride = ldbt, C = c, Ldc = ldc, M = m, K = k, N = n,
            Bias = bias, Activation = activation,
        };
        Run(lanes, problem, null);
    }

    private static void Run<TV, TVec>(in GemmProblem problem, float* scratch) where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        if (problem.ARowStride == 1 && problem.BColStride == 1)   // tn: op(a)'s columns and b's rows are contiguous
        {
            AlongRows<TV, TVec>(problem, scratch);
            return;
        }
        float* bt = problem.B;
        nint ldbt = problem.BColStride;
        if (problem.BRowStride != 1)
        {
            Transpose(problem.B, problem.BRowStride, problem.BColStride, problem.K, problem.N, scratch);
            bt = scratch;
            ldbt = problem.K;
        }
        AlongDepth<TV, TVec>(problem, bt, ldbt);
    }

    /// <summary>bᵀ (n×k, row-major) = b (k×n, element (p, j) at b[p·rowStride + j·colStride]): the layout the dot products read.</summary>
    public static void Transpose(float* b, nint rowStride, nint colStride, int k, int n, float* bt)
    {
        for (int p = 0; p < k; p++)
        {
            float* row = b + p * rowStride;
            for (int j = 0; j < n; j++) bt[j * k + p] = row[j * colStride];
        }
    }

    // ---- a row-major: dot products along k ----

    // rows in blocks of 12, and within a block columns in groups of 4 (rows in tiles of 3: twelve accumulators), then 2
    // (tiles of 4 rows), then 1 (tiles of 8, 4, 1), the block's last rows in smaller tiles: a block's rows of a (12 KiB
    // for k = 256) stay in L1 while every column group reads them, so a is read from memory once, not once per group
    private static void AlongDepth<TV, TVec>(in GemmProblem problem, float* bt, nint ldbt) where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        int m = problem.M, n = problem.N;
        for (int block = 0; block < m; block += 12)
        {
            int end = Math.Min(m, block + 12), j = 0, i;
            for (; j + 4 <= n; j += 4)
            {
                for (i = block; i + 3 <= end; i += 3) DotTile3x4<TV, TVec>(problem, bt, ldbt, i, j);
                if (end - i == 2) DotTile<TV, TVec, T2, T4>(problem, bt, ldbt, i, j);
                else if (end - i == 1) DotTile<TV, TVec, T1, T4>(problem, bt, ldbt, i, j);
            }
            for (; j + 2 <= n; j += 2)
            {
                for (i = block; i + 4 <= end; i += 4) DotTile<TV, TVec, T4, T2>(problem, bt, ldbt, i, j);
                for (; i < end; i++) DotTile<TV, TVec, T1, T2>(problem, bt, ldbt, i, j);
            }
            for (; j < n; j++)
            {
                for (i = block; i + 8 <= end; i += 8) DotTile<TV, TVec, T8, T1>(problem, bt, ldbt, i, j);
                for (; i + 4 <= end; i += 4) DotTile<TV, TVec, T4, T1>(problem, bt, ldbt, i, j);
                for (; i < end; i++) DotTile<TV, TVec, T1, T1>(problem, bt, ldbt, i, j);
            }
        }
    }

    // c rows i .. i+3, columns j .. j+4, each element's sum as DotTile computes it: per step three vectors of a, then
    // each bᵀ row's vector once for three multiply-adds, so twelve accumulators and four operands fill the sixteen
    // registers of x64 (7 loads for 12 multiply-adds, where DotTile's 2×4 tile makes 6 for 8: on AVX2 Zen 1,
    // 1024×256×10 nn 28.0 → 29.7 GFLOP/s, medians of 7 alternations)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotTile3x4<TV, TVec>(in GemmProblem problem, float* bt, nint ldbt, int i, int j) where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        int w = TV.Count, k = problem.K;
        nint lda = problem.ARowStride;
        float* x0 = problem.A + i * lda, x1 = x0 + lda, x2 = x1 + lda;
        float* y0 = bt + j * ldbt, y1 = y0 + ldbt, y2 = y1 + ldbt, y3 = y2 + ldbt;
        TVec s00 = TV.Zero, s01 = TV.Zero, s02 = TV.Zero, s03 = TV.Zero, s10 = TV.Zero, s11 = TV.Zero, s12 = TV.Zero, s13 = TV.Zero;
        TVec s20 = TV.Zero, s21 = TV.Zero, s22 = TV.Zero, s23 = TV.Zero;
        int vectorDepth = k / w * w;
        for (int p = 0; p < vectorDepth; p += w)
        {
            TVec a0 = TV.Load(x0 + p), a1 = TV.Load(x1 + p), a2 = TV.Load(x2 + p);
            TVec b = TV.Load(y0 + p);
            s00 = TV.MultiplyAdd(a0, b, s00); s10 = TV.MultiplyAdd(a1, b, s10); s20 = TV.MultiplyAdd(a2, b, s20);
            b = TV.Load(y1 + p);
            s01 = TV.MultiplyAdd(a0, b, s01); s11 = TV.MultiplyAdd(a1, b, s11); s21 = TV.MultiplyAdd(a2, b, s21);
            b = TV.Load(y2 + p);
            s02 = TV.MultiplyAdd(a0, b, s02); s12 = TV.MultiplyAdd(a1, b, s12); s22 = TV.MultiplyAdd(a2, b, s22);
            b = TV.Load(y3 + p);
            s03 = TV.MultiplyAdd(a0, b, s03); s13 = TV.MultiplyAdd(a1, b, s13); s23 = TV.MultiplyAdd(a2, b, s23);
        }
        var finish = new Finisher(problem, j);
        Vector128<float> r0 = TV.Sum(s00, s01, s02, s03), r1 = TV.Sum(s10, s11, s12, s13), r2 = TV.Sum(s20, s21, s22, s23);
        if (vectorDepth < k || !Vector128.IsHardwareAccelerated)
        {
            FinishOneByOne(finish, r0, r1, x0, lda, y0, ldbt, i, 2, 4, vectorDepth, k);
            FinishOneByOne(finish, r2, default, x2, lda, y0, ldbt, i + 2, 1, 4, vectorDepth, k);
            return;
        }
        finish.Four(r0, i);
        finish.Four(r1, i + 1);
        finish.Four(r2, i + 2);
    }

    // c rows i .. i+R, columns j .. j+J = a rows · bᵀ rows: accumulator q is row q / J, column q % J (R·J ≤ 8)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotTile<TV, TVec, TRows, TColumns>(in GemmProblem problem, float* bt, nint ldbt, int i, int j)
        where TV : struct, IGemmVector<TVec> where TVec : struct where TRows : struct, ITileSize where TColumns : struct, ITileSize
    {
        int R = TRows.Value, J = TColumns.Value, w = TV.Count, k = problem.K;
        nint lda = problem.ARowStride;
        float* a = problem.A + i * lda;
        float* b = bt + j * ldbt;
        // row pointers that advance with p (rows past R or J alias row 0 and are never read)
        float* x0 = a, x1 = R > 1 ? a + lda : a, x2 = R > 2 ? a + 2 * lda : a, x3 = R > 3 ? a + 3 * lda : a;
        float* x4 = R > 4 ? a + 4 * lda : a, x5 = R > 5 ? a + 5 * lda : a, x6 = R > 6 ? a + 6 * lda : a, x7 = R > 7 ? a + 7 * lda : a;
        float* y0 = b, y1 = J > 1 ? b + ldbt : b, y2 = J > 2 ? b + 2 * ldbt : b, y3 = J > 3 ? b + 3 * ldbt : b;
        TVec s0 = TV.Zero, s1 = TV.Zero, s2 = TV.Zero, s3 = TV.Zero, s4 = TV.Zero, s5 = TV.Zero, s6 = TV.Zero, s7 = TV.Zero;
        int vectorDepth = k / w * w;
        for (int p = 0; p < vectorDepth; p += w)
        {
            TVec b0 = TV.Load(y0 + p);
            TVec b1 = J > 1 ? TV.Load(y1 + p) : b0;
            TVec b2 = J > 2 ? TV.Load(y2 + p) : b0;
            TVec b3 = J > 3 ? TV.Load(y3 + p) : b0;
            if (J == 4)
            {
                Row4<TV, TVec>(TV.Load(x0 + p), b0, b1, b2, b3, ref s0, ref s1, ref s2, ref s3);
                if (R > 1) Row4<TV, TVec>(TV.Load(x1 + p), b0, b1, b2, b3, ref s4, ref s5, ref s6, ref s7);
            }
            else if (J == 2)
            {
                Row2<TV, TVec>(TV.Load(x0 + p), b0, b1, ref s0, ref s1);
                if (R > 1) Row2<TV, TVec>(TV.Load(x1 + p), b0, b1, ref s2, ref s3);
                if (R > 2) Row2<TV, TVec>(TV.Load(x2 + p), b0, b1, ref s4, ref s5);
                if (R > 3) Row2<TV, TVec>(TV.Load(x3 + p), b0, b1, ref s6, ref s7);
            }
            else
            {
                s0 = TV.MultiplyAdd(TV.Load(x0 + p), b0, s0);
                if (R > 1) s1 = TV.MultiplyAdd(TV.Load(x1 + p), b0, s1);
                if (R > 2) s2 = TV.MultiplyAdd(TV.Load(x2 + p), b0, s2);
                if (R > 3) s3 = TV.MultiplyAdd(TV.Load(x3 + p), b0, s3);
                if (R > 4) s4 = TV.MultiplyAdd(TV.Load(x4 + p), b0, s4);
                if (R > 5) s5 = TV.MultiplyAdd(TV.Load(x5 + p), b0, s5);
                if (R > 6) s6 = TV.MultiplyAdd(TV.Load(x6 + p), b0, s6);
                if (R > 7) s7 = TV.MultiplyAdd(TV.Load(x7 + p), b0, s7);
            }
        }
        // accumulators 0..3 and 4..7 reduced four at a time (lanes past R·J hold sums never written)
        Vector128<float> first = R * J == 1 ? Vector128.CreateScalarUnsafe(TV.Sum(s0)) : TV.Sum(s0, s1, s2, s3);
        Vector128<float> second = R * J > 4 ? TV.Sum(s4, s5, s6, s7) : default;
        var finish = new Finisher(problem, j);
        if (J == 1 || vectorDepth < k || !Vector128.IsHardwareAccelerated)
        {
            FinishOneByOne(finish, first, second, a, lda, b, ldbt, i, R, J, vectorDepth, k);
            return;
        }
        // a reduction is a row of c's four columns, or two rows of two: written as vectors
        if (J == 4)
        {
            finish.Four(first, i);
            if (R > 1) finish.Four(second, i + 1);
            return;
        }
        finish.Two(first, i);
        if (R > 1) finish.TwoHigh(first, i + 1);
        if (R > 2) finish.Two(second, i + 2);
        if (R > 3) finish.TwoHigh(second, i + 3);
    }

    // DotTile's end where a column is alone or k has steps past the last whole vector (added one by one here), or
    // Vector128 is not accelerated: sums element by element (first's lanes, then second's, row-major R×J)
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FinishOneByOne(in Finisher finish, Vector128<float> first, Vector128<float> second, float* a, nint lda, float* b, nint ldbt,
        int i, int R, int J, int vectorDepth, int k)
    {
        float* sums = stackalloc float[8];
        first.Store(sums);
        second.Store(sums + 4);
        for (int q = 0; q < R * J; q++)
        {
            float* x = a + q / J * lda, y = b + q % J * ldbt;
            for (int p = vectorDepth; p < k; p++) sums[q] = MultiplyAdd.Scalar(x[p], y[p], sums[q]);
        }
        for (int r = 0; r < R; r++) finish.Row(sums + r * J, i + r, J, 1);
    }

    // ---- a transposed: vectors along m ----

    // rows in tiles of 2 vectors, their slices of a copied PanelTiles(lanes) tiles at a time (CopyPanel), then 1 vector, then one
    // by one, those read where they lie; columns in groups of 4, 2, 1 (at most 8 accumulators)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AlongRows<TV, TVec>(in GemmProblem problem, float* panel) where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        int m = problem.M, k = problem.K, w = TV.Count, i = 0;
        nint lda = problem.AColStride;
        float* sums = stackalloc float[2 * 4 * 16];   // here, not in the kernel: a zeroing call there makes the JIT spill the accumulators
        while (i + 2 * w <= m)
        {
            int tiles = Math.Min(PanelTiles(w), (m - i) / (2 * w));
            CopyPanel<TV, TVec>(problem.A + i, lda, k, tiles, panel);
            for (int t = 0; t < tiles; t++, i += 2 * w) Columns<TV, TVec, T2>(problem, panel + (long)t * k * 2 * w, 2 * w, sums, i);
        }
        for (; i + w <= m; i += w) Columns<TV, TVec, T1>(problem, problem.A + i, lda, sums, i);
        for (; i < m; i++) Columns<GemmVectors.Scalar, float, T1>(problem, problem.A + i, lda, sums, i);
    }

    // tile t of panel (k×2w, row-major, at panel + t·k·2w) = the 2w floats at a + t·2w + p·lda for each p: one pass
    // along a's rows reads tiles·2w consecutive floats of each
    private static void CopyPanel<TV, TVec>(float* a, nint lda, int k, int tiles, float* panel) where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        int w = TV.Count;
        long tileLength = (long)k * 2 * w;
        for (int p = 0; p < k; p++, a += lda)
        {
            float* to = panel + p * 2 * w;
            for (int t = 0; t < tiles; t++, to += tileLength)
            {
                TV.Store(TV.Load(a + t * 2 * w), to);
                TV.Store(TV.Load(a + t * 2 * w + w), to + w);
            }
        }
    }

    private static void Columns<TV, TVec, TVectors>(in GemmProblem problem, float* tile, nint lda, float* sums, int i)
        where TV : struct, IGemmVector<TVec> where TVec : struct where TVectors : struct, ITileSize
    {
        int n = problem.N, j = 0;
        for (; j + 4 <= n; j += 4) ColumnTile<TV, TVec, TVectors, T4>(problem, tile, lda, sums, i, j);
        for (; j + 2 <= n; j += 2) ColumnTile<TV, TVec, TVectors, T2>(problem, tile, lda, sums, i, j);
        for (; j < n; j++) ColumnTile<TV, TVec, TVectors, T1>(problem, tile, lda, sums, i, j);
    }

    // c rows i .. i + V·w, columns j .. j+J from a's columns at tile (step p's at tile + p·lda): accumulator s(v, q) =
    // s[4v + q] holds rows i + v·w .. + w of column j + q; per step p: V loads of a's row p, J broadcasts of b's, V·J
    // multiply-adds
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnTile<TV, TVec, TVectors, TColumns>(in GemmProblem problem, float* tile, nint lda, float* sums, int i, int j)
        where TV : struct, IGemmVector<TVec> where TVec : struct where TVectors : struct, ITileSize where TColumns : struct, ITileSize
    {
        int V = TVectors.Value, J = TColumns.Value, w = TV.Count, k = problem.K;
        nint ldb = problem.BRowStride;
        float* a = tile, b = problem.B + j;
        TVec s0 = TV.Zero, s1 = TV.Zero, s2 = TV.Zero, s3 = TV.Zero, s4 = TV.Zero, s5 = TV.Zero, s6 = TV.Zero, s7 = TV.Zero;
        for (int p = 0; p < k; p++, a += lda, b += ldb)
        {
            TVec x0 = TV.Load(a);
            TVec x1 = V > 1 ? TV.Load(a + w) : x0;
            TVec y = TV.Broadcast(b[0]);
            s0 = TV.MultiplyAdd(x0, y, s0);
            if (V > 1) s4 = TV.MultiplyAdd(x1, y, s4);
            if (J > 1)
            {
                y = TV.Broadcast(b[1]);
                s1 = TV.MultiplyAdd(x0, y, s1);
                if (V > 1) s5 = TV.MultiplyAdd(x1, y, s5);
            }
            if (J > 2)
            {
                y = TV.Broadcast(b[2]);
                s2 = TV.MultiplyAdd(x0, y, s2);
                if (V > 1) s6 = TV.MultiplyAdd(x1, y, s6);
                y = TV.Broadcast(b[3]);
                s3 = TV.MultiplyAdd(x0, y, s3);
                if (V > 1) s7 = TV.MultiplyAdd(x1, y, s7);
            }
        }
        var finish = new Finisher(problem, j);
        if (J > 1 && Vector128.IsHardwareAccelerated)
        {
            // the accumulators (columns of c) turned into rows of c and written as vectors
            if (J == 4)
            {
                // sums row r: c(i + r, j .. j+4), r < V·w
                TV.StoreAsRows(s0, s1, s2, s3, sums);
                if (V > 1) TV.StoreAsRows(s4, s5, s6, s7, sums + 4 * w);
                for (int r = 0; r < V * w; r++) finish.Four(Vector128.Load(sums + 4 * r), i + r);
                return;
            }
            // sums row r: c(i + r, j .. j+2), then c(i + w + r, j .. j+2)
            TV.StoreAsRows(s0, s1, s4, s5, sums);
            for (int r = 0; r < w; r++)
            {
                Vector128<float> row = Vector128.Load(sums + 4 * r);
                finish.Two(row, i + r);
                if (V > 1) finish.TwoHigh(row, i + w + r);
            }
            return;
        }
        // sums[(v·J + q)·w + r] = c(i + v·w + r, j + q): written out a row of c at a time
        TV.Store(s0, sums);
        if (J > 1) TV.Store(s1, sums + w);
        if (J > 2) { TV.Store(s2, sums + 2 * w); TV.Store(s3, sums + 3 * w); }
        if (V > 1)
        {
            TV.Store(s4, sums + J * w);
            if (J > 1) TV.Store(s5, sums + (J + 1) * w);
            if (J > 2) { TV.Store(s6, sums + (J + 2) * w); TV.Store(s7, sums + (J + 3) * w); }
        }
        for (int v = 0; v < V; v++)
            for (int r = 0; r < w; r++) finish.Row(sums + v * J * w + r, i + v * w + r, J, w);
    }

    // s0..s3 += x · (b0, b1, b2, b3)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row4<TV, TVec>(TVec x, TVec b0, TVec b1, TVec b2, TVec b3, ref TVec s0, ref TVec s1, ref TVec s2, ref TVec s3)
        where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        s0 = TV.MultiplyAdd(x, b0, s0);
        s1 = TV.MultiplyAdd(x, b1, s1);
        s2 = TV.MultiplyAdd(x, b2, s2);
        s3 = TV.MultiplyAdd(x, b3, s3);
    }

    // s0, s1 += x · (b0, b1)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row2<TV, TVec>(TVec x, TVec b0, TVec b1, ref TVec s0, ref TVec s1) where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        s0 = TV.MultiplyAdd(x, b0, s0);
        s1 = TV.MultiplyAdd(x, b1, s1);
    }

    // writes finished sums to c: c(i, j) = s [+ c(i, j)], then + bias(j) when there is an epilogue (the activation runs
    // over all of c afterwards)
    private readonly struct Finisher(in GemmProblem problem, int j)
    {
        private readonly float* _c = problem.C + j, _bias = problem.Bias == null ? null : problem.Bias + j;
        private readonly nint _ldc = problem.Ldc;
        private readonly bool _accumulate = problem.Accumulate, _epilogue = problem.HasEpilogue;

        // c(i, j .. j+count) from sums[0], sums[stride], ...
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(float* sums, int i, int count, int stride)
        {
            float* c = _c + i * _ldc;
            for (int q = 0; q < count; q++)
            {
                float s = sums[q * stride];
                if (_accumulate) s += c[q];
                if (_epilogue) s += _bias == null ? 0f : _bias[q];
                c[q] = s;
            }
        }

        // c(i, j .. j+4) from the lanes of sums, as Row does it lane by lane
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Four(Vector128<float> sums, int i)
        {
            float* c = _c + i * _ldc;
            if (_accumulate) sums += Vector128.Load(c);
            if (_epilogue) sums += _bias == null ? Vector128<float>.Zero : Vector128.Load(_bias);
            sums.Store(c);
        }

        // c(i, j .. j+2) from the two low lanes of sums, as Row does it lane by lane
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Two(Vector128<float> sums, int i)
        {
            float* c = _c + i * _ldc;
            if (_accumulate) sums += Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<double>(c)).AsSingle();
            if (_epilogue) sums += _bias == null ? Vector128<float>.Zero : Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<double>(_bias)).AsSingle();
            Unsafe.WriteUnaligned(c, sums.AsDouble().ToScalar());
        }

        // c(i, j .. j+2) from the two high lanes of sums
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void TwoHigh(Vector128<float> sums, int i) => Two(Vector128.Shuffle(sums, Vector128.Create(2, 3, 2, 3)), i);
    }
}
