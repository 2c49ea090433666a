using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// Copies blocks of op(a) and op(b) into the contiguous, zero-padded panels the micro-kernels stream: a as MR-row
/// panels (MR floats per k step), b as NR-column panels (NR floats per k step). Transposed operands are packed with the
/// loop order that reads them contiguously, so the kernels never see a transpose.
/// </summary>
internal static unsafe class GemmPacking
{
    // dst (⌈mc/MR⌉ panels × kc×MR) = op(a)[i0 .. i0+mc, p0 .. p0+kc], rows past mc zero
    public static void PackA(in GemmProblem problem, int i0, int mc, int p0, int kc, float* dst, int mr)
    {
        nint rs = problem.ARowStride, cs = problem.AColStride;
        if (rs == 1 && cs != 1)
        {
            // a transposed (tn): k step p of every panel is one contiguous run of mc floats in a, read in one sweep
            // (per panel, each k step would touch a new cache line and, for wide a, a new page)
            nint panel = (nint)mr * kc;
            for (int p = 0; p < kc; p++)
            {
                float* column = problem.A + (p0 + p) * cs + i0;
                float* d = dst + p * mr;
                int ir = 0;
                if (mr == 6 && Vector256.IsHardwareAccelerated && p < kc - 1)
                {
                    // the AVX2 kernel's 6-float steps as one 8-float load and store: the 2 extra floats land in step
                    // p + 1 of the same panel, written next (hence not for the last step), and are read from a's row
                    // only while the panel is not the block's last
                    for (; ir <= mc - 8; ir += mr, d += panel) Vector256.Store(Vector256.Load(column + ir), d);
                }
                for (; ir <= mc - mr; ir += mr, d += panel) Copy(column + ir, d, mr);
                if (ir < mc)
                {
                    int rows = mc - ir;
                    Copy(column + ir, d, rows);
                    for (int r = rows; r < mr; r++) d[r] = 0f;
                }
            }
            return;
        }
        for (int ir = 0; ir < mc; ir += mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            // a row-major (nn, nt): each row of the panel is contiguous in a
            PackTransposed(problem.A + (i0 + ir) * rs + p0 * cs, rs, cs, rows, kc, dst, mr);
        }
    }

    // dst (⌈nc/NR⌉ panels × kc×NR) = op(b)[p0 .. p0+kc, j0 .. j0+nc], columns past nc zero
    public static void PackB(in GemmProblem problem, int p0, int kc, int j0, int nc, float* dst, int nr)
    {
        nint rs = problem.BRowStride, cs = problem.BColStride;
        for (int jr = 0; jr < nc; jr += nr, dst += (nint)nr * kc)
        {
            int columns = Math.Min(nr, nc - jr);
            float* src = problem.B + p0 * rs + (j0 + jr) * cs;
            if (cs == 1)
            {
                // b row-major (nn, tn): each k step of the panel is contiguous in b
                for (int p = 0; p < kc; p++)
                {
                    float* row = src + p * rs;
                    float* d = dst + p * nr;
                    Copy(row, d, columns);
                    for (int c = columns; c < nr; c++) d[c] = 0f;
                }
            }
            else
            {
                // b transposed (nt): each column of the panel is contiguous in b
                PackTransposed(src, cs, rs, columns, kc, dst, nr);
            }
        }
    }

    // dst (kc×width): dst[p·width + v] = src[v·vectorStride + p·depthStride] for v < count, 0 for count ≤ v < width.
    // Turns `count` source vectors (rows of a, or columns of a transposed b) into one panel; where the vectors are
    // contiguous (depthStride 1), whole 8×8 blocks (or 6×8 for a full 6-row panel) go through AVX transposes.
    private static void PackTransposed(float* src, nint vectorStride, nint depthStride, int count, int kc, float* dst, int width)
    {
        int blockVectors = 0, blockDepth = 0;
        if (Transpose8x8.IsSupported && depthStride == 1 && width % 8 == 0)
        {
            blockVectors = count / 8 * 8;
            blockDepth = kc / 8 * 8;
            for (int v = 0; v < blockVectors; v += 8)
                for (int p = 0; p < blockDepth; p += 8)
                    Transpose8x8.Run(src + v * vectorStride + p, vectorStride, dst + p * width + v, width);
        }
        else if (Transpose8x8.IsSupported && depthStride == 1 && width == 6 && count == 6)
        {
            blockVectors = 6;
            blockDepth = kc / 8 * 8;
            for (int p = 0; p < blockDepth; p += 8) Transpose8x8.RunSixRows(src + p, vectorStride, dst + p * 6);
        }
        for (int v = 0; v < count; v++)
        {
            float* vector = src + v * vectorStride;
            float* d = dst + v;
            for (int p = v < blockVectors ? blockDepth : 0; p < kc; p++) d[p * width] = vector[p * depthStride];
        }
        for (int v = count; v < width; v++)
            for (int p = 0; p < kc; p++) dst[p * width + v] = 0f;
    }

    // dst (count) = src (count): short copies inline, as whole vectors where they fit (a call to memmove per panel
    // row would cost more than the copy)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int count)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= count - 16; i += 16) Vector512.Store(Vector512.Load(src + i), dst + i);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= count - 8; i += 8) Vector256.Store(Vector256.Load(src + i), dst + i);
        if (Vector128.IsHardwareAccelerated)
            for (; i <= count - 4; i += 4) Vector128.Store(Vector128.Load(src + i), dst + i);
        for (; i < count; i++) dst[i] = src[i];
    }
}
