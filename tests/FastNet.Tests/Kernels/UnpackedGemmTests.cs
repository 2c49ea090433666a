using FastNet.Kernels;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The unpacked products and the pre-packed GEMM give every element the bits of the packed GEMM (the micro-kernel's
/// sequence), on every vector width: Vector512 runs in software here when the hardware lacks it, never skipped.
/// </summary>
public unsafe class UnpackedGemmTests
{
    private static readonly int[] Rows = [1, 2, 3, 4, 5, 7, 8, 9, 17];
    private static readonly int[] Depths = [1, 2, 5, 16, 17, 256, 600];
    private static readonly int[] Widths = [1, 3, 4, 8, 10, 16, 17, 33, 64, 70, 130];

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(1)]
    public void Every_width_gives_the_packed_gemm_bits(int lanes)
    {
        var random = new Random(lanes);
        foreach (Activation f in new[] { Activation.Identity, Activation.Sigmoid, Activation.Relu })
            foreach (int k in Depths)
                foreach (int n in Widths)
                foreach (int m in Rows)
                {
                    float[] a = Values(random, m * k), b = Values(random, k * n);
                    float[] bias = random.Next(2) == 0 ? [] : Values(random, n);
                    float[] expected = Packed(a, b, bias, f, m, k, n);

                    int ldb = UnpackedGemm.PaddedColumns(n);
                    float[] padded = new float[k * ldb], paddedBias = new float[ldb];
                    for (int p = 0; p < k; p++) b.AsSpan(p * n, n).CopyTo(padded.AsSpan(p * ldb));
                    bias.CopyTo(paddedBias, 0);
                    float[] c = TestData.Filled(m * n + 3, float.NaN);
                    fixed (float* pa = a, pb = padded, pc = c, pbias = paddedBias)
                        UnpackedGemm.Run(lanes, pa, k, pb, ldb, pc, n, m, k, n, bias.Length == 0 ? null : pbias, f, UnpackedGemm.SliceDepth(k, n));
                    AssertBits(expected, c.AsSpan(0, m * n), $"{m}×{k}×{n} {f} on {lanes} lanes");
                    Assert.True(float.IsNaN(c[m * n]), "wrote past c");
                }
    }

    [Fact]
    public void Prepacked_b_gives_the_packed_gemm_bits_with_every_micro_kernel()
    {
        var random = new Random(7);
        foreach (GemmKernel kernel in Enum.GetValues<GemmKernel>())
            if (GemmKernelInfo.Of(kernel).IsSupported)
            foreach (int k in new[] { 1, 17, 255, 600 })
                foreach (int n in new[] { 1, 10, 16, 17, 40, 300, 4133 })
                {
                    int m = new[] { 1, 6, 13, 200 }[random.Next(4)];
                    float[] a = Values(random, m * k), b = Values(random, k * n), bias = Values(random, n);
                    float[] expected = new float[m * n];
                    var scratch = new float[Gemm.ScratchLength(kernel, m, k, n, 1)];
                    Gemm.Run(kernel, GemmForm.NN, a, b, expected, m, k, n, false, bias, Activation.Tanh, scratch, threads: 1, small: false);
                    var packed = new GemmPackedB(kernel, b, k, n);
                    float[] c = TestData.Filled(m * n, float.NaN);
                    Gemm.RunPrepacked(packed, a, bias, Activation.Tanh, c, m, scratch);
                    AssertBits(expected, c, $"{m}×{k}×{n} on {kernel}");
                }
    }

    private static float[] Packed(float[] a, float[] b, float[] bias, Activation f, int m, int k, int n)
    {
        var c = new float[m * n];
        GemmKernel kernel = GemmKernelInfo.Choose(GemmIsaInfo.Best, n);
        var scratch = new float[Gemm.ScratchLength(kernel, m, k, n, 1)];
        Gemm.Run(kernel, GemmForm.NN, a, b, c, m, k, n, false, bias, f, scratch, threads: 1, small: false);
        return c;
    }

    private static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, the packed GEMM gives {expected[i]:R}");
    }

    private static float[] Values(Random random, int length) => TestData.Uniform(length, random.Next());
}
