using FastNet.Kernels;
using FastNet.Reference;
using FastNet.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Properties;

/// <summary>
/// Every fast kernel equals its naive reference (src/FastNet/Reference) for random shapes (1–70, crossing every vector
/// width and tile edge) on slices that start at odd offsets, with destinations pre-filled with NaN where the contract
/// says "overwrite", and without touching a single element outside its slices.
/// </summary>
public class KernelProperties
{
    public sealed record Shape(int M, int K, int N, int OffsetA, int OffsetB, int OffsetC, bool Accumulate, ulong Seed)
    {
        public override string ToString() =>
            $"m {M}, k {K}, n {N}, offsets {OffsetA}/{OffsetB}/{OffsetC}, {(Accumulate ? "accumulate" : "overwrite")}, seed {Seed}";
    }

    public static class Shapes
    {
        private static readonly Gen<int> Odd = Gen.Choose(0, 7).Select(i => 2 * i + 1);

        public static Arbitrary<Shape> Generate() => Arb.From(
            from m in Gen.Choose(1, 70)
            from k in Gen.Choose(1, 70)
            from n in Gen.Choose(1, 70)
            from offsetA in Odd
            from offsetB in Odd
            from offsetC in Odd
            from accumulate in Gen.Elements(true, false)
            from seed in Gen.Choose(0, int.MaxValue)
            select new Shape(m, k, n, offsetA, offsetB, offsetC, accumulate, (ulong)seed));
    }

    private delegate void GemmKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate);

    [Property(MaxTest = 100, Arbitrary = [typeof(Shapes)])]
    public void GemmNNEqualsReference(Shape s) => CheckGemm(s, s.M * s.K, s.K * s.N,
        (a, b, c, m, k, n, acc) => Gemm.NN(a, b, c, m, k, n, acc, Scratch(m, k, n)), ReferenceKernels.GemmNN);

    [Property(MaxTest = 100, Arbitrary = [typeof(Shapes)])]
    public void GemmTNEqualsReference(Shape s) => CheckGemm(s, s.K * s.M, s.K * s.N,
        (a, b, c, m, k, n, acc) => Gemm.TN(a, b, c, m, k, n, acc, Scratch(m, k, n)), ReferenceKernels.GemmTN);

    [Property(MaxTest = 100, Arbitrary = [typeof(Shapes)])]
    public void GemmNTEqualsReference(Shape s) => CheckGemm(s, s.M * s.K, s.N * s.K,
        (a, b, c, m, k, n, acc) => Gemm.NT(a, b, c, m, k, n, acc, Scratch(m, k, n)), ReferenceKernels.GemmNT);

    [Property(MaxTest = 100, Arbitrary = [typeof(Shapes)])]
    public void BiasKernelsEqualReference(Shape s)
    {
        int batch = s.M, units = s.N;
        var random = new SeededRandom(s.Seed);
        GuardedBuffer z = new GuardedBuffer(batch * units, s.OffsetA).Fill(ref random, 2), b = new GuardedBuffer(units, s.OffsetB).Fill(ref random, 2);
        GuardedBuffer expected = z.Copy();
        ReferenceKernels.AddBias(expected.Span, b.Span, batch, units);
        BiasKernels.AddRows(z.Span, b.Span, batch, units);
        OracleCheck.Close($"{s}: add bias", expected.Span, z.Span, new OracleCheck.Tolerance(0, 0));   // one addition: exact

        GuardedBuffer db = new GuardedBuffer(units, s.OffsetC);
        if (s.Accumulate) db.Fill(ref random, 2); else db.Fill(float.NaN);
        GuardedBuffer dbExpected = db.Copy();
        ReferenceKernels.ColumnSums(z.Span, dbExpected.Span, batch, units, s.Accumulate);
        BiasKernels.ColumnSums(z.Span, db.Span, batch, units, s.Accumulate);
        OracleCheck.Close($"{s}: column sums", dbExpected.Span, db.Span, new OracleCheck.Tolerance(SumTolerance(batch, 4 * batch + 2), 0));
        Assert.True(z.GuardsIntact() && b.GuardsIntact() && db.GuardsIntact(), $"{s}: a bias kernel wrote outside its slice");
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Shapes)])]
    public void ActivationKernelsEqualReference(Shape s)
    {
        int batch = s.M, units = s.N;
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            var random = new SeededRandom(s.Seed + (ulong)activation);
            GuardedBuffer z = new GuardedBuffer(batch * units, s.OffsetA).Fill(ref random, 12);
            GuardedBuffer a = new GuardedBuffer(batch * units, s.OffsetB).Fill(float.NaN), expected = a.Copy();
            ReferenceKernels.ActivationForward(activation, z.Span, expected.Span, batch, units);
            ActivationKernels.Forward(activation, z.Span, a.Span, batch, units);
            if (activation is Activation.Sigmoid or Activation.Tanh)
                WithinUlps($"{s}: {activation} forward", activation, z.Span, a.Span, 4);   // the operators' bound (ActivationTests)
            else if (activation == Activation.Softmax)   // exp within a few ulp, a sum of `units` terms, one division
                OracleCheck.Close($"{s}: softmax forward", expected.Span, a.Span, new OracleCheck.Tolerance(0, (units + 8) * Math.Pow(2, -24)));
            else
                OracleCheck.Close($"{s}: {activation} forward", expected.Span, a.Span, new OracleCheck.Tolerance(0, 0));
            Assert.True(z.GuardsIntact() && a.GuardsIntact(), $"{s}: {activation} forward wrote outside its slice");
            if (activation == Activation.Softmax) continue;   // no element-wise derivative: folded into the ce loss

            GuardedBuffer d = new GuardedBuffer(batch * units, s.OffsetC).Fill(ref random, 3), dExpected = d.Copy();
            ReferenceKernels.ActivationBackward(activation, a.Span, dExpected.Span, batch * units);
            ActivationKernels.Backward(activation, a.Span, d.Span, batch * units);
            // the same products in the same order as the reference: exact
            OracleCheck.Close($"{s}: {activation} backward", dExpected.Span, d.Span, new OracleCheck.Tolerance(0, 0));
            Assert.True(a.GuardsIntact() && d.GuardsIntact(), $"{s}: {activation} backward wrote outside its slice");
        }
    }

    // every a[i] within `bound` ulp of the exact f(z[i]) in double (one subnormal step is the ulp below the normal range)
    private static void WithinUlps(string what, Activation activation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, double bound)
    {
        for (int i = 0; i < z.Length; i++)
        {
            double exact = activation == Activation.Sigmoid ? 1 / (1 + Math.Exp(-(double)z[i])) : Math.Tanh(z[i]);
            float rounded = (float)exact;
            double ulp = Math.Max(Math.Abs(MathF.BitIncrement(rounded) - rounded), float.Epsilon);
            double ulps = a[i] == rounded ? 0 : Math.Abs(a[i] - exact) / ulp;
            Assert.True(ulps <= bound, $"{what}: f({z[i]:G9}) = {a[i]:G9}, exact {exact:G17}: {ulps:F1} ulp at {i}");
        }
    }

    private static void CheckGemm(Shape s, int aLength, int bLength, GemmKernel fast, GemmKernel reference)
    {
        var random = new SeededRandom(s.Seed);
        GuardedBuffer a = new GuardedBuffer(aLength, s.OffsetA).Fill(ref random, 1), b = new GuardedBuffer(bLength, s.OffsetB).Fill(ref random, 1);
        GuardedBuffer c = new GuardedBuffer(s.M * s.N, s.OffsetC);
        if (s.Accumulate) c.Fill(ref random, 1); else c.Fill(float.NaN);
        GuardedBuffer expected = c.Copy();
        reference(a.Span, b.Span, expected.Span, s.M, s.K, s.N, s.Accumulate);
        fast(a.Span, b.Span, c.Span, s.M, s.K, s.N, s.Accumulate);
        // |error| of a k-term float32 dot product ≤ γₖ Σ|aᵢbᵢ| ≤ k·6e-8·k (entries in [−1, 1]), plus |c| when accumulating
        OracleCheck.Close(s.ToString(), expected.Span, c.Span, new OracleCheck.Tolerance(SumTolerance(s.K, s.K + 1), 0));
        Assert.True(a.GuardsIntact() && b.GuardsIntact() && c.GuardsIntact(), $"{s}: GEMM wrote outside its slice");
    }

    // two roundings' worth of γₙ = n·2⁻²⁴ per term, for n terms summing to at most `magnitude`
    private static double SumTolerance(int terms, double magnitude) => 2 * (terms + 1) * Math.Pow(2, -24) * magnitude;

    private static Span<float> Scratch(int m, int k, int n) =>
        new float[Math.Max(Gemm.ScratchLength(m, k, n), Math.Max(Gemm.ScratchLength(k, m, n), Gemm.ScratchLength(m, n, k)))];
}
