using FastNet.Kernels;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The test oracle for every GEMM path: the product in double plus the rounding bound a float sum of k products can
/// legitimately miss it by, (k + 2)·2⁻²⁴·(Σₚ |a||b| + |c₀| + |bias|) — γₖ of Higham's bound with room for the final adds.
/// </summary>
internal static class GemmOracle
{
    private const double Unit = 1.0 / (1 << 24);

    public static (double Value, double Bound) Element(GemmForm form, float[] a, float[] b, int m, int k, int n, int i, int j)
    {
        double sum = 0, abs = 0;
        for (int p = 0; p < k; p++)
        {
            double x = form == GemmForm.TN ? a[p * m + i] : a[i * k + p];
            double y = form == GemmForm.NT ? b[j * k + p] : b[p * n + j];
            sum += x * y;
            abs += Math.Abs(x * y);
        }
        return (sum, (k + 2) * Unit * abs);
    }

    /// <summary>Asserts c (m×n at cOffset) = op(a)·op(b) [+ c0] [+ bias], all within the rounding bound.</summary>
    public static void AssertProduct(GemmForm form, float[] a, float[] b, float[] c, int cOffset, float[]? c0, float[]? bias,
        int m, int k, int n, string label)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                (double expected, double bound) = Element(form, a, b, m, k, n, i, j);
                double extra = 0;
                if (c0 != null) extra += c0[cOffset + i * n + j];
                if (bias != null) extra += bias[j];
                expected += extra;
                bound += (k + 2) * Unit * Math.Abs(extra) + float.Epsilon;
                float got = c[cOffset + i * n + j];
                if (!(Math.Abs(got - expected) <= bound))
                    Assert.Fail($"{label}: c[{i},{j}] = {got}, expected {expected} ± {bound}");
            }
    }

    public static float[] Random(Random random, int length, float scale = 1f)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return x;
    }
}
