using FastNet.Reference;
using FastNet.Tests.Support;
using FastNet.Training;
using FastNet.Training.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Properties;

/// <summary>
/// Every optimizer step equals its formula (<see cref="ReferenceRules"/>, written in double from the papers' and
/// PyTorch's pseudo-code) for random hyper-parameters, random lengths (1–300, across every vector width) on slices at
/// odd offsets, over several steps, and never writes outside the parameters. Plain gradient descent is also checked
/// against w − lr·dw written out here.
/// </summary>
public class OptimizerProperties
{
    public sealed record Case(OptimizerOptions Options, int Length, int Offset, ulong Seed)
    {
        public override string ToString() => $"{Options}, length {Length}, offset {Offset}, seed {Seed}";
    }

    public static class Cases
    {
        private static Gen<float> Uniform(int low, int high, float scale) => Gen.Choose(low, high).Select(i => i * scale);

        public static Arbitrary<Case> Generate() => Arb.From(
            from kind in Gen.Elements(Enum.GetValues<OptimizerKind>())
            from lr in Uniform(1, 2000, 1e-3f)
            from momentum in Uniform(0, 990, 1e-3f)
            from beta1 in Uniform(0, 990, 1e-3f)
            from beta2 in Uniform(9000, 9999, 1e-4f)
            from decay in Gen.Frequency((1, Gen.Constant(0f)), (1, Uniform(0, 1000, 1e-4f)))
            from length in Gen.Choose(1, 300)
            from offset in Gen.Choose(0, 7).Select(i => 2 * i + 1)
            from seed in Gen.Choose(0, int.MaxValue)
            select new Case(new OptimizerOptions
            {
                Kind = kind, LearningRate = lr, Momentum = momentum, Beta1 = beta1, Beta2 = beta2, WeightDecay = decay,
            }, length, offset, (ulong)seed));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void EveryStepEqualsItsReferenceFormula(Case c)
    {
        var random = new SeededRandom(c.Seed);
        OptimizerOptions o = c.Options;
        GuardedBuffer w = new GuardedBuffer(c.Length, c.Offset).Fill(ref random, 3);
        GuardedBuffer state = new GuardedBuffer(c.Length * Optimizer.StateVectors(o.Kind), c.Offset);
        float[] expected = w.Span.ToArray(), referenceState = new float[c.Length * Optimizer.MaxStateVectors];
        Optimizer.Reset(o, state.Span, o.LearningRate);
        Optimizer.Reset(o, referenceState, o.LearningRate);
        for (int step = 1; step <= 3; step++)
        {
            GuardedBuffer dw = new GuardedBuffer(c.Length, c.Offset).Fill(ref random, 5);
            float[] before = (float[])expected.Clone();
            Optimizer.Step(o, o.LearningRate, w.Span, dw.Span, state.Span, step);
            ReferenceRules.Step(o, o.LearningRate, expected, dw.Span, referenceState, step);
            // float32 against double rounded once per step: each rule is a handful of float32 operations on numbers as
            // large as |w| and the update |Δw|, so allow 16 ulps of the largest |w| + |Δw| (an update of 20 that
            // lands w near 0 leaves an error of ~1e-6 there)
            double scale = 0;
            for (int i = 0; i < c.Length; i++) scale = Math.Max(scale, Math.Abs(before[i]) + Math.Abs(expected[i] - before[i]));
            OracleCheck.Close($"{c}, step {step}", expected, w.Span, new OracleCheck.Tolerance(16 * Math.Pow(2, -24) * scale, 0));
            Assert.True(w.GuardsIntact() && dw.GuardsIntact() && state.GuardsIntact(), $"{c}: the step wrote outside its slices");
        }
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void GradientDescentIsWMinusLearningRateTimesGradient(Case c)
    {
        var random = new SeededRandom(c.Seed);
        GuardedBuffer w = new GuardedBuffer(c.Length, c.Offset).Fill(ref random, 3), dw = new GuardedBuffer(c.Length, c.Offset).Fill(ref random, 5);
        float lr = c.Options.LearningRate;
        var expected = new double[c.Length];
        double magnitude = 0;
        for (int i = 0; i < c.Length; i++)
        {
            expected[i] = (double)w.Span[i] - (double)lr * dw.Span[i];
            magnitude = Math.Max(magnitude, Math.Abs(w.Span[i]) + Math.Abs(lr * dw.Span[i]));
        }
        Optimizer.Step(new OptimizerOptions { LearningRate = lr }, lr, w.Span, dw.Span, [], step: 1);   // plain gradient descent keeps no state
        // a product and a difference in float32: at most two roundings of the operands' magnitude
        OracleCheck.Close(c.ToString(), expected, OracleCheck.Widen(w.Span), new OracleCheck.Tolerance(2 * Math.Pow(2, -24) * magnitude, 0));
        Assert.True(w.GuardsIntact() && dw.GuardsIntact(), $"{c}: the step wrote outside the parameters");
    }
}
