using System.Runtime.Intrinsics;
using FastNet.Kernels;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The 4×4 transpose the narrow tn product writes its columns of c with puts lane r of vector q at row r, column q,
/// whichever instructions do it (SSE here and with AVX off, ARM64 zips under qemu, element by element in CI's
/// hardware-intrinsics-off run), and every width's rows (two, four or one 128-bit block) come out in order.
/// </summary>
public unsafe class Transpose4x4Tests
{
    [Fact]
    public void Lane_r_of_vector_q_lands_at_row_r_column_q()
    {
        Vector128<float> s0 = Vector128.Create(0f, 10, 20, 30), s1 = Vector128.Create(1f, 11, 21, 31);
        Vector128<float> s2 = Vector128.Create(2f, 12, 22, 32), s3 = Vector128.Create(3f, 13, 23, 33);
        float* rows = stackalloc float[16];
        Transpose4x4.Store(s0, s1, s2, s3, rows);
        for (int r = 0; r < 4; r++)
            for (int q = 0; q < 4; q++) Assert.Equal(10 * r + q, rows[4 * r + q]);
    }

    [Fact]
    public void Every_width_stores_its_lanes_as_rows_in_order()
    {
        Check<GemmVectors.V512, Vector512<float>>();
        Check<GemmVectors.V256, Vector256<float>>();
        Check<GemmVectors.V128, Vector128<float>>();
        Check<GemmVectors.Scalar, float>();
    }

    // s_q's lane r = 100·r + q: row r of the result must read 100·r, 100·r + 1, 100·r + 2, 100·r + 3
    private static void Check<TV, TVec>() where TV : struct, IGemmVector<TVec> where TVec : struct
    {
        int w = TV.Count;
        float* columns = stackalloc float[4 * 16];
        for (int q = 0; q < 4; q++)
            for (int r = 0; r < w; r++) columns[q * w + r] = 100 * r + q;
        float* rows = stackalloc float[4 * 16];
        TV.StoreAsRows(TV.Load(columns), TV.Load(columns + w), TV.Load(columns + 2 * w), TV.Load(columns + 3 * w), rows);
        for (int r = 0; r < w; r++)
            for (int q = 0; q < 4; q++) Assert.True(rows[4 * r + q] == 100 * r + q, $"{w} lanes: row {r}, column {q} holds {rows[4 * r + q]}");
    }
}
