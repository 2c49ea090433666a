using FastNet.Tests.Support;
using FastNet.Training;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Properties;

/// <summary>One optimizer step equals its formula, w ← w − lr·∂L/∂w, on parameter vectors of any length and offset.</summary>
public class OptimizerProperties
{
    public sealed record Case(int Length, int Offset, float LearningRate, ulong Seed)
    {
        public override string ToString() => $"length {Length}, offset {Offset}, lr {LearningRate}, seed {Seed}";
    }

    public static class Cases
    {
        public static Arbitrary<Case> Generate() => Arb.From(
            from length in Gen.Choose(1, 300)
            from offset in Gen.Choose(0, 7).Select(i => 2 * i + 1)
            from lr in Gen.Choose(1, 2000).Select(i => i / 1000f)
            from seed in Gen.Choose(0, int.MaxValue)
            select new Case(length, offset, lr, (ulong)seed));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void GradientDescentStepEqualsItsFormula(Case c)
    {
        var random = new SeededRandom(c.Seed);
        GuardedBuffer w = new GuardedBuffer(c.Length, c.Offset).Fill(ref random, 3), dw = new GuardedBuffer(c.Length, c.Offset).Fill(ref random, 5);
        var state = new float[c.Length * Optimizer.StatePerParameter];
        var expected = new double[c.Length];
        double magnitude = 0;
        for (int i = 0; i < c.Length; i++)
        {
            expected[i] = (double)w.Span[i] - (double)c.LearningRate * dw.Span[i];
            magnitude = Math.Max(magnitude, Math.Abs(w.Span[i]) + Math.Abs(c.LearningRate * dw.Span[i]));
        }
        var options = new OptimizerOptions { Kind = OptimizerKind.Sgd, LearningRate = c.LearningRate };
        Optimizer.Step(options, c.LearningRate, w.Span, dw.Span, state, step: 1);
        // a product and a difference in float32: at most two roundings of the operands' magnitude
        OracleCheck.Close(c.ToString(), expected, OracleCheck.Widen(w.Span), new OracleCheck.Tolerance(2 * Math.Pow(2, -24) * magnitude, 0));
        Assert.True(w.GuardsIntact() && dw.GuardsIntact(), $"{c}: the step wrote outside the parameters");
    }
}
