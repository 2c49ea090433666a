using System.Runtime.CompilerServices;

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
        for (int ir = 0; ir < mc; ir += mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            float* src = problem.A + (i0 + ir) * rs + p0 * cs;
            if (cs == 1)
            {
                // a row-major (nn, nt): each row of the panel is contiguous in a; whole 8×8 blocks by AVX transposes
                int blockRows = 0, blockDepth = 0;
                if (Transpose8x8.IsSupported && mr % 8 == 0)
                {
                    blockRows = rows / 8 * 8;
                    blockDepth = kc / 8 * 8;
                    for (int r = 0; r < blockRows; r += 8)
                        for (int p = 0; p < blockDepth; p += 8)
                            Transpose8x8.Run(src + r * rs + p, rs, dst + p * mr + r, mr);
                }
                for (int r = 0; r < rows; r++)
                {
                    float* row = src + r * rs;
                    float* d = dst + r;
                    for (int p = r < blockRows ? blockDepth : 0; p < kc; p++) d[p * mr] = row[p];
                }
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) dst[p * mr + r] = 0f;
            }
            else
            {
                // a transposed (tn): each k step of the panel is contiguous in a
                for (int p = 0; p < kc; p++)
                {
                    float* column = src + p * cs;
                    float* d = dst + p * mr;
                    if (rs == 1) Unsafe.CopyBlockUnaligned(d, column, (uint)rows * sizeof(float));
                    else for (int r = 0; r < rows; r++) d[r] = column[r * rs];
                    for (int r = rows; r < mr; r++) d[r] = 0f;
                }
            }
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
                    Unsafe.CopyBlockUnaligned(d, row, (uint)columns * sizeof(float));
                    for (int c = columns; c < nr; c++) d[c] = 0f;
                }
            }
            else
            {
                // b transposed (nt): each column of the panel is contiguous in b; whole 8×8 blocks by AVX transposes
                int blockColumns = 0, blockDepth = 0;
                if (Transpose8x8.IsSupported && rs == 1 && nr % 8 == 0)
                {
                    blockColumns = columns / 8 * 8;
                    blockDepth = kc / 8 * 8;
                    for (int c = 0; c < blockColumns; c += 8)
                        for (int p = 0; p < blockDepth; p += 8)
                            Transpose8x8.Run(src + c * cs + p, cs, dst + p * nr + c, nr);
                }
                for (int c = 0; c < columns; c++)
                {
                    float* column = src + c * cs;
                    float* d = dst + c;
                    for (int p = c < blockColumns ? blockDepth : 0; p < kc; p++) d[p * nr] = column[p * rs];
                }
                for (int c = columns; c < nr; c++)
                    for (int p = 0; p < kc; p++) dst[p * nr + c] = 0f;
            }
        }
    }
}
