using FastNet.Kernels;
using FastNet.Losses;
using FastNet.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Properties;

/// <summary>
/// The fused loss kernel (value and dz = ∂L/∂z in one pass) equals the textbook loss and its chain-rule gradient in
/// double (<see cref="NaiveMlp.LossAndOutputGradient"/>), for every loss with every output it is valid with; dz is
/// pre-filled with NaN (overwrite contract) and sits at an odd offset.
/// </summary>
public class LossKernelProperties
{
    public sealed record Case(Loss Loss, Activation Output, int Batch, int Outputs, int Offset, ulong Seed)
    {
        public override string ToString() => $"{Loss} with {Output}, batch {Batch}, outputs {Outputs}, offset {Offset}, seed {Seed}";
    }

    public static class Cases
    {
        public static Arbitrary<Case> Generate() => Arb.From(
            from pair in Gen.Elements(
                (Loss.Sse, Activation.Identity), (Loss.Sse, Activation.Sigmoid), (Loss.Sse, Activation.Tanh), (Loss.Sse, Activation.Relu),
                (Loss.Mse, Activation.Identity), (Loss.Mse, Activation.Sigmoid), (Loss.Mse, Activation.Tanh), (Loss.Mse, Activation.Relu),
                (Loss.Bce, Activation.Sigmoid), (Loss.CrossEntropy, Activation.Softmax))
            from batch in Gen.Choose(1, 67)
            from outputs in Gen.Choose(pair.Item2 == Activation.Softmax ? 2 : 1, 33)
            from offset in Gen.Choose(0, 7).Select(i => 2 * i + 1)
            from seed in Gen.Choose(0, int.MaxValue)
            select new Case(pair.Item1, pair.Item2, batch, outputs, offset, (ulong)seed));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void FusedLossAndGradientEqualTheTextbookDefinition(Case c)
    {
        int length = c.Batch * c.Outputs;
        var random = new SeededRandom(c.Seed);
        GuardedBuffer z = new GuardedBuffer(length, c.Offset).Fill(ref random, 4);
        var a = new float[length];
        ActivationKernels.Forward(c.Output, z.Span, a, c.Batch, c.Outputs);
        var t = new float[length];
        for (int n = 0; n < c.Batch; n++)
        {
            if (c.Loss == Loss.CrossEntropy) t[n * c.Outputs + random.NextInt(c.Outputs)] = 1;
            else
                for (int k = 0; k < c.Outputs; k++)
                    t[n * c.Outputs + k] = (float)(c.Output is Activation.Sigmoid ? random.NextDouble() : 2 * random.NextDouble() - 1);
        }
        GuardedBuffer dz = new GuardedBuffer(length, c.Offset).Fill(float.NaN);
        float loss = LossKernels.Forward(c.Loss, c.Output, z.Span, a, t, dz.Span, c.Batch, c.Outputs);

        (double expectedLoss, double[] expectedDz) = NaiveMlp.LossAndOutputGradient(c.Loss, c.Output, OracleCheck.Widen(z.Span), OracleCheck.Widen(t), c.Batch, c.Outputs);
        double scale = 0;
        foreach (double g in expectedDz) scale = Math.Max(scale, Math.Abs(g));
        // float32 outputs (ε = 6e-8) and sums of up to 67·33 terms: 1e-5 relative on the value; dz to 1e-5 of the
        // largest |dz| (sigmoid′ and tanh′ from a rounded a) plus 1e-4 relative
        OracleCheck.ValueAndGradient(c.ToString(),
            [expectedLoss], [loss], new OracleCheck.Tolerance(1e-7, 1e-5),
            expectedDz, dz.Span, new OracleCheck.Tolerance(1e-5 * scale, 1e-4));
        Assert.True(dz.GuardsIntact(), $"{c}: dz written outside its slice");
    }
}
