using FastNet.Kernels;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The narrow path (n ≤ 15; nn and nt: dot products along k; tn: vectors along m) on every vector width — Vector512 and Vector256 run in
/// software where the hardware lacks them, never skipped: against the double-precision oracle, with accumulate and
/// bias; each row's bits independent of the rows around it (so any batch or thread split gives the same bits); and
/// the pre-transposed entry an inference layer uses giving the bits of the nn product.
/// </summary>
public unsafe class NarrowGemmTests
{
    private static readonly int[] Rows = [1, 2, 3, 4, 5, 8, 9, 17, 31, 33, 47, 161];   // tn tiles: 2 vectors (copied 4 at a time), 1, single rows
    private static readonly int[] Depths = [1, 3, 4, 8, 9, 16, 17, 33, 256];
    private static readonly int[] Widths = [1, 2, 3, 4, 5, 7, 10, 15];

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(1)]
    public void Every_width_matches_the_oracle_and_each_row_has_its_own_bits(int lanes)
    {
        var random = new Random(lanes);
        foreach (GemmForm form in new[] { GemmForm.NN, GemmForm.NT, GemmForm.TN })
            foreach (int k in Depths)
                foreach (int n in Widths)
                {
                    int m = Rows[random.Next(Rows.Length)];
                    bool accumulate = random.Next(2) == 0;
                    float[] a = GemmOracle.Random(random, m * k), b = GemmOracle.Random(random, k * n);
                    // a bias with an overwrite (the forward pass), or c added (a gradient), as the callers use them: the
                    // oracle's bound covers one extra term, not c + bias cancelling each other
                    float[]? bias = accumulate || random.Next(2) == 0 ? null : GemmOracle.Random(random, n);
                    float[] c0 = GemmOracle.Random(random, m * n);
                    float[] c = Run(lanes, form, a, b, accumulate ? (float[])c0.Clone() : TestData.Filled(m * n, float.NaN), m, k, n, accumulate, bias);
                    string label = $"{form} {m}×{k}×{n} on {lanes} lanes{(accumulate ? ", accumulate" : "")}{(bias != null ? ", bias" : "")}";
                    GemmOracle.AssertProduct(form, a, b, c, 0, accumulate ? c0 : null, bias, m, k, n, label);

                    // the last row alone gives the same bits as within the whole product
                    float[] lastRow = form == GemmForm.TN ? Enumerable.Range(0, k).Select(p => a[p * m + m - 1]).ToArray() : a.AsSpan((m - 1) * k, k).ToArray();
                    float[] last = Run(lanes, form, lastRow, b, accumulate ? c0.AsSpan((m - 1) * n, n).ToArray() : new float[n],
                        1, k, n, accumulate, bias);
                    for (int j = 0; j < n; j++)
                        Assert.True(BitConverter.SingleToInt32Bits(last[j]) == BitConverter.SingleToInt32Bits(c[(m - 1) * n + j]),
                            $"{label}: row {m - 1} alone gives {last[j]:R}, within the product {c[(m - 1) * n + j]:R}");
                }
    }

    [Fact]
    public void The_pre_transposed_entry_gives_the_bits_of_the_nn_product()
    {
        var random = new Random(3);
        foreach (int lanes in new[] { 16, 8, 4, 1 })
            foreach (Activation f in new[] { Activation.Identity, Activation.Sigmoid, Activation.Relu })
            {
                int m = 13, k = 37, n = 10;
                float[] a = GemmOracle.Random(random, m * k), b = GemmOracle.Random(random, k * n), bias = GemmOracle.Random(random, n);
                float[] expected = new float[m * n], c = TestData.Filled(m * n, float.NaN), bt = new float[n * k];
                for (int p = 0; p < k; p++)
                    for (int j = 0; j < n; j++) bt[j * k + p] = b[p * n + j];
                var scratch = new float[NarrowGemm.ScratchLength(m, k, n)];
                fixed (float* pa = a, pb = b, pc = expected, pbias = bias, ps = scratch, pbt = bt, pc2 = c)
                {
                    GemmProblem problem = GemmProblem.Create(GemmForm.NN, pa, pb, pc, m, k, n, accumulate: false);
                    problem.Bias = pbias;
                    problem.Activation = f;
                    NarrowGemm.Run(lanes, problem, ps);
                    NarrowGemm.RunTransposedB(lanes, pa, k, pbt, k, pc2, n, m, k, n, pbias, f);
                }
                for (int i = 0; i < m * n; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(c[i]), $"{f} on {lanes} lanes: element {i}");
            }
    }

    [Fact]
    public void Gemm_sends_products_at_most_15_columns_wide_here()
    {
        Assert.True(NarrowGemm.Takes(GemmForm.NN, 1024, 256, 10));
        Assert.True(NarrowGemm.Takes(GemmForm.NT, 1024, 256, 15));
        Assert.True(NarrowGemm.Takes(GemmForm.TN, 1024, 256, 10));
        Assert.False(NarrowGemm.Takes(GemmForm.NN, 1024, 256, 16));
        Assert.False(NarrowGemm.Takes(GemmForm.TN, 1024, 256, 16));
    }

    private static float[] Run(int lanes, GemmForm form, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate, float[]? bias)
    {
        var scratch = new float[NarrowGemm.ScratchLength(m, k, n)];
        fixed (float* pa = a, pb = b, pc = c, pbias = bias, ps = scratch)
        {
            GemmProblem problem = GemmProblem.Create(form, pa, pb, pc, m, k, n, accumulate);
            problem.Bias = bias == null ? null : pbias;
            NarrowGemm.Run(lanes, problem, ps);
        }
        return c;
    }
}
