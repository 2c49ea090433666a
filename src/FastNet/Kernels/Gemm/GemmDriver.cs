using System.Runtime.CompilerServices;

namespace FastNet.Kernels;

/// <summary>
/// The BLIS loop nest around one micro-kernel: for each NC-column block of b and KC-deep slice of k, pack b; for each
/// MC-row block of a, pack a; then sweep MR×NR tiles of c. MC, KC and NC come from the machine's cache sizes
/// (<see cref="GemmBlocking"/>), per kernel tile. The last rows of a product run only those rows where the kernel can
/// (<see cref="GemmEdgeRows"/>), a whole tile otherwise; the last columns run on a padded tile buffer; either way
/// every element of c is computed by the same sequence of operations wherever it lies; the epilogue (bias and
/// activation) is applied to each tile right after its last k slice, while it is still in L1.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>Floats a 64-byte boundary can be away from the start of the caller's scratch.</summary>
    private const int AlignFloats = 16;

    /// <summary>
    /// Floats of scratch one call over rows m and columns n needs with this kernel: packed b, packed a, one edge tile and
    /// its bias, each starting on a 64-byte boundary (so no panel load of the kernels splits a cache line, whatever the
    /// caller's scratch is aligned to).
    /// </summary>
    public static long ScratchLength(GemmKernelInfo kernel, int m, int k, int n)
    {
        int mr = kernel.MR, nr = kernel.NR;
        GemmBlocking blocking = kernel.Blocking;
        long kc = SliceDepth(k, blocking.KC);
        long nc = Math.Min(blocking.NC, RoundUp(n, nr));
        long mc = Math.Min(blocking.MC, RoundUp(m, mr));
        return AlignedLength(kc * nc) + AlignedLength(mc * kc) + AlignedLength(mr * nr) + nr + AlignFloats;
    }

    // c[m0..m1, n0..n1] of the problem (m0 a multiple of MR and n0 of NR, so tiles fall where one thread puts them)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TKernel, TAct>(in GemmProblem problem, int m0, int m1, int n0, int n1, float* scratch, GemmBlocking blocking)
        where TKernel : struct, IGemmMicroKernel where TAct : struct, IUnaryOperator
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int k = problem.K;
        int kcMax = SliceDepth(k, blocking.KC);
        int ncMax = Math.Min(blocking.NC, RoundUp(n1 - n0, nr));
        int mcMax = Math.Min(blocking.MC, RoundUp(m1 - m0, mr));
        float* bPack = (float*)(((nint)scratch + 63) & ~(nint)63);
        float* aPack = bPack + AlignedLength((long)kcMax * ncMax);
        float* tile = aPack + AlignedLength((long)mcMax * kcMax);
        float* tileBias = tile + AlignedLength(mr * nr);
        nint ldc = problem.Ldc;
        bool epilogue = problem.HasEpilogue;

        for (int jc = n0; jc < n1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n1 - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                bool load = problem.Accumulate || pc > 0;
                bool last = pc + kc == k;
                // a pre-packed b (GemmPackedB: slice pc holds all of n's panels) is read where it lies, never packed again
                float* bBlock = problem.PackedB != null ? problem.PackedB + (nint)pc * RoundUp(problem.N, nr) + (nint)jc * kc : bPack;
                if (problem.PackedB == null) GemmPacking.PackB(problem, pc, kc, jc, nc, bPack, nr);
                for (int ic = m0; ic < m1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m1 - ic);
                    GemmPacking.PackA(problem, ic, mc, pc, kc, aPack, mr);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int columns = Math.Min(nr, nc - jr);
                        float* bPanel = bBlock + (nint)jr * kc;
                        float* bias = problem.Bias == null ? null : problem.Bias + jc + jr;
                        if (last && epilogue && bias != null && columns < nr)
                        {
                            for (int j = 0; j < nr; j++) tileBias[j] = j < columns ? bias[j] : 0f;
                            bias = tileBias;
                        }
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir);
                            float* aPanel = aPack + (nint)ir * kc;
                            float* c = problem.C + (ic + ir) * ldc + jc + jr;
                            if (columns == nr && (rows == mr || TKernel.HasRowEdge))
                            {
                                Tile<TKernel>(aPanel, bPanel, kc, c, ldc, load, rows);
                                if (last && epilogue) TKernel.Epilogue<TAct>(c, ldc, bias, rows);
                            }
                            else
                            {
                                if (load) CopyTile(c, ldc, tile, nr, rows, columns);
                                Tile<TKernel>(aPanel, bPanel, kc, tile, nr, load, TKernel.HasRowEdge ? rows : mr);
                                if (last && epilogue) TKernel.Epilogue<TAct>(tile, nr, bias, rows);
                                CopyTile(tile, nr, c, ldc, rows, columns);
                            }
                        }
                    }
                }
            }
        }
    }

    // c (rows×NR) of one tile: the whole micro-kernel, or only its first rows where the kernel can
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TKernel>(float* a, float* b, int kc, float* c, nint ldc, bool load, int rows) where TKernel : struct, IGemmMicroKernel
    {
        if (rows == TKernel.MR) TKernel.Multiply(a, b, kc, c, ldc, load);
        else TKernel.MultiplyRows(a, b, kc, c, ldc, load, rows);
    }

    // dst (rows×columns, stride dstStride) = src (rows×columns, stride srcStride)
    private static void CopyTile(float* src, nint srcStride, float* dst, nint dstStride, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
            Unsafe.CopyBlockUnaligned(dst + r * dstStride, src + r * srcStride, (uint)columns * sizeof(float));
    }

    // k split into equal slices of at most kcMax (784 → 4 × 196, not 3 × 256 + 16: a shallow last slice would spend
    // more on loading and storing c than on multiplying)
    internal static int SliceDepth(int k, int kcMax)
    {
        int slices = Math.Max(1, (k + kcMax - 1) / kcMax);
        return Math.Max(1, (k + slices - 1) / slices);
    }

    private static nint AlignedLength(long floats) => (nint)((floats + AlignFloats - 1) / AlignFloats * AlignFloats);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
