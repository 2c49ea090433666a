using FastNet.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Gradients;

/// <summary>
/// The checker has teeth: through the public <see cref="GradientCheck.Compare"/> overload (the one users with their own
/// code call), a correct gradient passes and a gradient wrong at one coordinate fails exactly there.
/// f(θ) = Σᵢ sin(θᵢ)·θᵢ₊₁ + ½cᵢθᵢ² (indices mod n), ∂f/∂θₖ = cos(θₖ)·θₖ₊₁ + sin(θₖ₋₁) + cₖθₖ.
/// </summary>
public class CheckerTeethProperties
{
    public sealed record Case(double[] Point, double[] Curvature, int Wrong, double Sign)
    {
        public override string ToString() => $"n {Point.Length}, wrong coordinate {Wrong}, sign {Sign}, point [{string.Join(", ", Point)}]";
    }

    public static class Cases
    {
        public static Arbitrary<Case> Generate() => Arb.From(
            from n in Gen.Choose(1, 60)
            from point in Gen.ArrayOf(Gen.Choose(-3000, 3000).Select(v => v / 1000.0), n)
            from curvature in Gen.ArrayOf(Gen.Choose(-2000, 2000).Select(v => v / 1000.0), n)
            from wrong in Gen.Choose(0, n - 1)
            from sign in Gen.Elements(-1.0, 1.0)
            select new Case(point, curvature, wrong, sign));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void ACorrectGradientPasses(Case c)
    {
        GradientCheckReport report = GradientCheck.Compare(Loss(c), c.Point, Gradient(c));
        Assert.True(report.Passed, report.Tensors[0].ToString());
        Assert.Equal(c.Point.Length, report.Tensors[0].Checked);
        Assert.Equal(Loss(c)(c.Point), report.Loss);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void AGradientWrongAtOneCoordinateFailsThere(Case c)
    {
        double[] analytic = Gradient(c);
        TensorGradientCheck correct = GradientCheck.Compare(Loss(c), c.Point, analytic).Tensors[0];
        // an error of 1 % of the tensor's scale: ten times what the default tolerances allow anywhere
        analytic[c.Wrong] += c.Sign * 0.01 * Math.Max(correct.Scale, Math.Abs(analytic[c.Wrong]));
        GradientCheckReport report = GradientCheck.Compare(Loss(c), c.Point, analytic);
        TensorGradientCheck tensor = report.Tensors[0];
        Assert.False(report.Passed);
        Assert.False(tensor.Passed);
        Assert.Equal(c.Wrong, tensor.Worst.Index);
        Assert.Equal(analytic[c.Wrong], tensor.Worst.Analytic);
        Assert.True(tensor.Worst.ErrorRatio > 5, tensor.ToString());
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void AGradientOffByAFactorFailsWhereTheGradientIsLargest(Case c)
    {
        double[] analytic = Gradient(c);
        for (int i = 0; i < analytic.Length; i++) analytic[i] *= 1.5;
        TensorGradientCheck tensor = GradientCheck.Compare(Loss(c), c.Point, analytic).Tensors[0];
        int largest = 0;
        for (int i = 1; i < analytic.Length; i++) if (Math.Abs(analytic[i]) > Math.Abs(analytic[largest])) largest = i;
        if (analytic[largest] == 0) return;   // a zero gradient scaled is still right
        Assert.False(tensor.Passed);
        Assert.Equal(Math.Abs(analytic[largest]) / 1.5, Math.Abs(tensor.LargestAbsoluteError.Numeric), 1e-6);
    }

    [Fact]
    public void ANonFiniteAnalyticGradientFailsAtItsIndex()
    {
        var c = new Case([0.5, -1.25, 2.0, 0.75], [1, 0, -1, 0.5], 0, 1);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            double[] analytic = Gradient(c);
            analytic[2] = bad;
            TensorGradientCheck tensor = GradientCheck.Compare(Loss(c), c.Point, analytic).Tensors[0];
            Assert.False(tensor.Passed);
            Assert.Equal(2, tensor.Worst.Index);
            Assert.Equal(2, tensor.LargestAbsoluteError.Index);
        }
    }

    [Fact]
    public void SamplingChecksTheRequestedNumberOfCoordinatesTheSameWayForTheSameSeed()
    {
        var c = new Case([.. Enumerable.Range(0, 50).Select(i => Math.Sin(i))], new double[50], 0, 1);
        double[] analytic = Gradient(c);
        analytic[17] += 1;
        var options = new GradientCheckOptions { SamplesPerTensor = 10, Seed = 42 };
        TensorGradientCheck first = GradientCheck.Compare(Loss(c), c.Point, analytic, options).Tensors[0];
        TensorGradientCheck second = GradientCheck.Compare(Loss(c), c.Point, analytic, options).Tensors[0];
        Assert.Equal(10, first.Checked);
        Assert.Equal(first.Worst, second.Worst);
        Assert.Equal(first.LargestRelativeError, second.LargestRelativeError);
        // over many seeds the wrong coordinate is sampled about 10/50 of the time, and is then always the worst
        int found = 0;
        for (ulong seed = 0; seed < 200; seed++)
        {
            TensorGradientCheck tensor = GradientCheck.Compare(Loss(c), c.Point, analytic, options with { Seed = seed }).Tensors[0];
            Assert.Equal(tensor.Worst.Index == 17, !tensor.Passed);
            if (tensor.Worst.Index == 17) found++;
        }
        Assert.InRange(found, 20, 60);
    }

    private static Func<ReadOnlySpan<double>, double> Loss(Case c) => theta =>
    {
        int n = theta.Length;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.Sin(theta[i]) * theta[(i + 1) % n] + 0.5 * c.Curvature[i] * theta[i] * theta[i];
        return sum;
    };

    private static double[] Gradient(Case c)
    {
        double[] theta = c.Point;
        int n = theta.Length;
        var g = new double[n];
        for (int k = 0; k < n; k++)
            g[k] = Math.Cos(theta[k]) * theta[(k + 1) % n] + Math.Sin(theta[(k - 1 + n) % n]) + c.Curvature[k] * theta[k];
        return g;
    }
}
