using FastNet.Kernels;

namespace FastNet.Tests.Kernels;

public class GemmTests
{
    private static readonly int[] Depths = [1, 7, 8, 9, 63, 64, 65, 255, 256, 257];

    // (micro-kernel, form) pairs as names, every kernel written with portable vector APIs (the Vector512 and Vector256
    // ones run in software where the hardware lacks them): theory parameters must be public types
    public static TheoryData<string, string> Paths()
    {
        var data = new TheoryData<string, string>();
        foreach (GemmKernel kernel in Enum.GetValues<GemmKernel>())
            if (kernel != GemmKernel.AdvSimd)
                foreach (GemmForm form in Enum.GetValues<GemmForm>()) data.Add(kernel.ToString(), form.ToString());
        return data;
    }

    public static TheoryData<string> Forms() => new(Enum.GetNames<GemmForm>());

    [Theory]
    [MemberData(nameof(Paths))]
    public void Blocked_path_matches_the_oracle_across_tile_edges(string kernelName, string formName) =>
        CheckTileEdges(Enum.Parse<GemmKernel>(kernelName), Enum.Parse<GemmForm>(formName));

    [Theory]
    [MemberData(nameof(Paths))]
    public void Blocked_path_crosses_cache_blocks(string kernelName, string formName) =>
        CheckCacheBlocks(Enum.Parse<GemmKernel>(kernelName), Enum.Parse<GemmForm>(formName));

    [Theory]
    [MemberData(nameof(Paths))]
    public void Thread_counts_give_identical_bits(string kernelName, string formName) =>
        CheckThreadCounts(Enum.Parse<GemmKernel>(kernelName), Enum.Parse<GemmForm>(formName));

    [Theory]
    [MemberData(nameof(Paths))]
    public void Fused_bias_and_activation_match_the_reference(string kernelName, string formName) =>
        CheckEpilogues(Enum.Parse<GemmKernel>(kernelName), Enum.Parse<GemmForm>(formName));

    [Theory]
    [MemberData(nameof(Paths))]
    public void Edge_rows_have_the_bits_of_a_whole_tile(string kernelName, string formName) =>
        CheckEdgeRowBits(Enum.Parse<GemmKernel>(kernelName), Enum.Parse<GemmForm>(formName));

    // the ARM64 kernel (AdvSimd intrinsics cannot run in software on x64): every check above, reported as skipped with
    // its reason elsewhere; CI runs it under qemu-aarch64
    [ArmTheory]
    [MemberData(nameof(Forms))]
    public void AdvSimd_kernel_passes_every_check(string formName)
    {
        GemmForm form = Enum.Parse<GemmForm>(formName);
        CheckTileEdges(GemmKernel.AdvSimd, form);
        CheckCacheBlocks(GemmKernel.AdvSimd, form);
        CheckThreadCounts(GemmKernel.AdvSimd, form);
        CheckEpilogues(GemmKernel.AdvSimd, form);
        CheckEdgeRowBits(GemmKernel.AdvSimd, form);
    }

    [Fact]
    public void Each_isa_plans_a_kernel_of_its_own_width()
    {
        Assert.Equal(GemmKernel.Scalar, GemmKernelInfo.Choose(GemmIsa.Scalar, 100));
        Assert.Equal(GemmMicroKernelAdvSimd.IsSupported ? GemmKernel.AdvSimd : GemmKernel.Vector128, GemmKernelInfo.Choose(GemmIsa.Vector128, 100));
        Assert.Equal(GemmKernel.Vector256, GemmKernelInfo.Choose(GemmIsa.Vector256, 100));
        Assert.Equal(GemmKernel.Vector512, GemmKernelInfo.Choose(GemmIsa.Vector512, 100));
        Assert.Equal(GemmKernel.Vector512Narrow, GemmKernelInfo.Choose(GemmIsa.Vector512, 16));
        foreach (GemmKernel kernel in Enum.GetValues<GemmKernel>()) Assert.Equal(kernel, GemmKernelInfo.Of(kernel).Kernel);
    }

    [Fact]
    public void Each_product_takes_the_route_its_size_form_and_width_give()
    {
        Assert.Equal(GemmRoute.Small, Gemm.RouteOf(GemmForm.NN, 100, 2, 4));
        Assert.Equal(GemmRoute.Small, Gemm.RouteOf(GemmForm.TN, 512, 0, 512));
        Assert.Equal(GemmRoute.Narrow, Gemm.RouteOf(GemmForm.NN, 100, 2, 4, small: false));
        Assert.Equal(GemmRoute.Narrow, Gemm.RouteOf(GemmForm.TN, 100, 2, 4, small: false));
        Assert.Equal(GemmRoute.Small, Gemm.RouteOf(GemmForm.NN, 512, 512, 512, small: true));
        Assert.Equal(GemmRoute.Narrow, Gemm.RouteOf(GemmForm.NN, 1024, 256, 10));
        Assert.Equal(GemmRoute.Narrow, Gemm.RouteOf(GemmForm.NT, 1024, 256, 15));
        Assert.Equal(GemmRoute.Packed, Gemm.RouteOf(GemmForm.NN, 1024, 256, 10, narrow: false));
        Assert.Equal(GemmRoute.Narrow, Gemm.RouteOf(GemmForm.TN, 1024, 256, 10));
        Assert.Equal(GemmRoute.Packed, Gemm.RouteOf(GemmForm.TN, 1024, 256, 16));
        Assert.Equal(GemmRoute.Packed, Gemm.RouteOf(GemmForm.NN, 1024, 256, 16));
        Assert.Equal(GemmRoute.Packed, Gemm.RouteOf(GemmForm.NT, 512, 512, 512));
    }

    [Fact]
    public void The_reported_plan_names_the_route_that_runs()
    {
        Assert.Equal("direct (no packing)", KernelInfo.GemmPlan(SgemmForm.NN, 100, 2, 4));
        Assert.StartsWith($"narrow {KernelInfo.GemmPath}, {NarrowGemm.Lanes(GemmIsaInfo.Best)} lanes along k", KernelInfo.GemmPlan(SgemmForm.NN, 1024, 256, 10));
        Assert.EndsWith("lanes along m (no packing)", KernelInfo.GemmPlan(SgemmForm.TN, 1024, 256, 10));
        Assert.Equal(KernelInfo.GemmPlan(16), KernelInfo.GemmPlan(SgemmForm.TN, 1024, 256, 16));
        Assert.Equal(KernelInfo.GemmPlan(512), KernelInfo.GemmPlan(SgemmForm.NT, 512, 512, 512));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelInfo.GemmPlan(SgemmForm.NN, -1, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelInfo.GemmPlan((SgemmForm)7, 1, 2, 3));
    }

    // M and N cross every tile edge (1, tile ± 1, 2·tile ± 1) for every depth K, on the blocked path
    private static void CheckTileEdges(GemmKernel kernel, GemmForm form)
    {
        var random = new Random(1);
        (int mr, int nr) = (GemmKernelInfo.Of(kernel).MR, GemmKernelInfo.Of(kernel).NR);
        int[] rows = [1, mr - 1, mr, mr + 1, 2 * mr - 1, 2 * mr, 2 * mr + 1];
        int[] columns = [1, nr - 1, nr, nr + 1, 2 * nr - 1, 2 * nr, 2 * nr + 1];
        foreach (int k in Depths)
            foreach (int m in rows)
                foreach (int n in columns)
                    if (m > 0 && n > 0) CheckOverwriteAndAccumulate(kernel, form, m, k, n, random, small: false, threads: 1);
    }

    // products larger than one MC, KC or NC block of this machine's blocking, so packing restarts inside a row or column of c
    private static void CheckCacheBlocks(GemmKernel kernel, GemmForm form)
    {
        var random = new Random(2);
        GemmKernelInfo info = GemmKernelInfo.Of(kernel);
        CheckOverwriteAndAccumulate(kernel, form, info.Blocking.MC + 13, info.Blocking.KC * 2 + 3, 45, random, small: false, threads: 1);
        CheckOverwriteAndAccumulate(kernel, form, 5, 3, info.Blocking.NC + 37, random, small: false, threads: 1);
    }

    [Theory]
    [InlineData("NN")]
    [InlineData("TN")]
    [InlineData("NT")]
    public void Small_path_matches_the_oracle(string formName)
    {
        GemmForm form = Enum.Parse<GemmForm>(formName);
        var random = new Random(3);
        foreach (int m in new[] { 1, 2, 3, 5, 17, 100 })
            foreach (int k in new[] { 0, 1, 2, 4, 9, 33 })
                foreach (int n in new[] { 1, 3, 4, 5, 8, 16, 17, 35 })
                    CheckOverwriteAndAccumulate(GemmKernelInfo.Choose(GemmIsaInfo.Best, n), form, m, k, n, random, small: true, threads: 1);
    }

    private static void CheckThreadCounts(GemmKernel kernel, GemmForm form)
    {
        var random = new Random(4);
        // rows split (many row tiles) and columns split (few row tiles); large enough to pass the parallel threshold
        foreach ((int m, int k, int n) in new[] { (203, 150, 90), (9, 301, 1000), (1030, 256, 10) })
        {
            float[] a = GemmOracle.Random(random, m * k), b = GemmOracle.Random(random, k * n), bias = GemmOracle.Random(random, n);
            float[]? first = null;
            foreach (int threads in new[] { 1, 2, 3 })
            {
                var c = new float[m * n];
                Array.Fill(c, float.NaN);
                var scratch = new float[Gemm.ScratchLength(kernel, m, k, n, threads)];
                Gemm.Run(kernel, form, a, b, c, m, k, n, false, bias, Activation.Tanh, scratch, threads, small: false);
                if (first == null) first = c;
                else Assert.True(first.AsSpan().SequenceEqual(c), $"{kernel} {form} {m}×{k}×{n}: {threads} threads differ from 1");
            }
        }
    }

    // the first m rows of a product of m + extra rows equal the m-row product bit for bit, for every edge 1 … MR − 1 of the
    // last tile, overwriting and accumulating, with a fused bias and sigmoid and without: where a row falls in its tile
    // (alone at the edge, or inside a whole tile) does not change its bits
    private static void CheckEdgeRowBits(GemmKernel kernel, GemmForm form)
    {
        var random = new Random(6);
        int mr = GemmKernelInfo.Of(kernel).MR, nr = GemmKernelInfo.Of(kernel).NR;
        foreach (int k in new[] { 1, 9, 300 })
            foreach (int n in new[] { nr, 2 * nr + 3 })
                for (int edge = 1; edge < mr; edge++)
                {
                    int m = 2 * mr + edge, tall = 3 * mr;
                    // a (tall×k) whose first m rows are the short product's a: row i is a[i*k ..] in NN and NT, column i in TN
                    float[] aTall = GemmOracle.Random(random, tall * k), b = GemmOracle.Random(random, k * n), bias = GemmOracle.Random(random, n);
                    float[] aShort = new float[m * k];
                    for (int i = 0; i < m; i++)
                        for (int p = 0; p < k; p++)
                            aShort[form == GemmForm.TN ? p * m + i : i * k + p] = aTall[form == GemmForm.TN ? p * tall + i : i * k + p];
                    foreach (bool accumulate in new[] { false, true })
                        foreach ((float[]? withBias, Activation activation) in new[] { ((float[]?)null, Activation.Identity), (bias, Activation.Sigmoid) })
                        {
                            float[] start = GemmOracle.Random(random, tall * n, 10f);
                            float[] cTall = (float[])start.Clone(), cShort = start[..(m * n)];
                            Gemm.Run(kernel, form, aTall, b, cTall, tall, k, n, accumulate, withBias, activation,
                                new float[Gemm.ScratchLength(kernel, tall, k, n, 1)], 1, small: false);
                            Gemm.Run(kernel, form, aShort, b, cShort, m, k, n, accumulate, withBias, activation,
                                new float[Gemm.ScratchLength(kernel, m, k, n, 1)], 1, small: false);
                            Assert.True(cTall.AsSpan(0, m * n).SequenceEqual(cShort),
                                $"{kernel} {form} {m}×{k}×{n} accumulate={accumulate} {activation}: an edge of {edge} rows has other bits than a whole tile");
                        }
                }
    }

    private static void CheckEpilogues(GemmKernel kernel, GemmForm form)
    {
        var random = new Random(5);
        foreach (Activation activation in new[] { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.Relu })
            foreach (bool small in new[] { false, true })
                // the seed's shapes (flat small kernels) in every form, then general ones
                foreach ((int m, int k, int n) in new[] { (100, 2, 4), (100, 4, 1), (100, 1, 4), (4, 100, 1), (2, 100, 4), (3, 9, 5), (1, 1, 1), (13, 7, 37), (40, 65, 70) })
                {
                    float[] a = GemmOracle.Random(random, m * k), b = GemmOracle.Random(random, k * n), bias = GemmOracle.Random(random, n);
                    var c = new float[m * n];
                    Array.Fill(c, float.NaN);
                    var scratch = new float[Gemm.ScratchLength(kernel, m, k, n, 1)];
                    Gemm.Run(kernel, form, a, b, c, m, k, n, false, bias, activation, scratch, 1, small);
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                        {
                            (double z, double bound) = GemmOracle.Element(form, a, b, m, k, n, i, j);
                            z += bias[j];
                            bound += 1e-7 * Math.Abs(bias[j]);
                            // f is 1-Lipschitz for all four, plus a few ulp of the activation itself
                            double expected = Apply(activation, z);
                            double tolerance = bound + 4 * Math.Abs(expected) * 1.2e-7 + 1e-30;
                            Assert.True(Math.Abs(c[i * n + j] - expected) <= tolerance,
                                $"{kernel} {form} {activation} small={small} {m}×{k}×{n} [{i},{j}]: {c[i * n + j]} vs {expected} ± {tolerance}");
                        }
                }
    }

    [Fact]
    public void Public_forms_match_run_and_need_no_scratch_for_tiny_shapes()
    {
        float[] a = [1, 2, 3, 4, 5, 6], b = [1, 0, 0, 1, 1, 1];
        var c = new float[4];
        Gemm.NN(a, b, c, 2, 3, 2, accumulate: false, Span<float>.Empty);
        Assert.Equal(new float[] { 4, 5, 10, 11 }, c);
    }

    private static double Apply(Activation activation, double z) => activation switch
    {
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => Math.Max(z, 0),
        _ => z,
    };

    // overwrite into NaN-filled c at an odd offset of an odd-offset a and b, then accumulate onto random c
    private static void CheckOverwriteAndAccumulate(GemmKernel kernel, GemmForm form, int m, int k, int n, Random random, bool small, int threads)
    {
        const int offset = 3;
        float[] aFull = GemmOracle.Random(random, m * k + offset), bFull = GemmOracle.Random(random, k * n + offset);
        float[] a = aFull[offset..], b = bFull[offset..];
        var scratch = new float[Gemm.ScratchLength(kernel, m, k, n, threads) + offset];
        string label = $"{kernel} {form} {m}×{k}×{n} small={small}";

        var c = new float[m * n + 2 * offset];
        Array.Fill(c, float.NaN);
        Gemm.Run(kernel, form, aFull.AsSpan(offset), bFull.AsSpan(offset), c.AsSpan(offset, m * n), m, k, n, false, default,
            Activation.Identity, scratch.AsSpan(offset), threads, small);
        GemmOracle.AssertProduct(form, a, b, c, offset, null, null, m, k, n, label + " overwrite");
        Assert.True(float.IsNaN(c[offset - 1]) && float.IsNaN(c[offset + m * n]), label + ": wrote outside c");

        float[] c0 = GemmOracle.Random(random, m * n + 2 * offset, 10f);
        float[] c1 = (float[])c0.Clone();
        Gemm.Run(kernel, form, aFull.AsSpan(offset), bFull.AsSpan(offset), c1.AsSpan(offset, m * n), m, k, n, true, default,
            Activation.Identity, scratch.AsSpan(offset), threads, small);
        GemmOracle.AssertProduct(form, a, b, c1, offset, c0, null, m, k, n, label + " accumulate");
        Assert.Equal(c0[offset - 1], c1[offset - 1]);
        Assert.Equal(c0[offset + m * n], c1[offset + m * n]);
    }
}
