using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>
/// The L-BFGS iteration on functions with known minima: Rosenbrock's valley, an ill-conditioned quadratic; every accepted
/// step meets the strong Wolfe conditions; an iteration allocates nothing.
/// </summary>
public class LbfgsTests
{
    /// <summary>f(x) = Σ (1 − x₂ᵢ)² + 100·(x₂ᵢ₊₁ − x₂ᵢ²)², minimum 0 at (1, …, 1).</summary>
    private struct Rosenbrock : ILbfgsObjective
    {
        public int Calls;

        public double Evaluate(ReadOnlySpan<float> x, Span<float> g)
        {
            Calls++;
            double f = 0;
            for (int i = 0; i < x.Length; i += 2)
            {
                double a = x[i], b = x[i + 1], r = b - a * a;
                f += (1 - a) * (1 - a) + 100 * r * r;
                g[i] = (float)(-2 * (1 - a) - 400 * a * r);
                g[i + 1] = (float)(200 * r);
            }
            return f;
        }
    }

    /// <summary>f(x) = ½ Σ cᵢ (xᵢ − i/n)², cᵢ from 1 to 1000: condition number 1000, minimum 0 at xᵢ = i/n (in [0, 1), where float32 resolves a gradient of 1e-4).</summary>
    private struct Quadratic : ILbfgsObjective
    {
        public double Evaluate(ReadOnlySpan<float> x, Span<float> g)
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double c = Math.Pow(1000, i / (double)(x.Length - 1)), e = x[i] - i / (double)x.Length;
                f += 0.5 * c * e * e;
                g[i] = (float)(c * e);
            }
            return f;
        }
    }

    private static (ConvergenceReason Reason, int Iterations) Minimise<T>(ref T objective, float[] x, int history, int limit, double gtol, double ftol,
        Action<float[], float[], double>? check = null) where T : ILbfgsObjective
    {
        var lbfgs = new Lbfgs(x.Length, history);
        var g = new float[x.Length];
        var block = new float[Lbfgs.Length(x.Length, history)];
        for (int k = 1; k <= limit; k++)
        {
            float[] before = (float[])x.Clone();
            ConvergenceReason reason = lbfgs.Iterate(ref objective, x, g, block, gtol, ftol);
            if (reason != ConvergenceReason.LineSearch) check?.Invoke(before, (float[])x.Clone(), lbfgs.Step);
            if (reason != ConvergenceReason.None) return (reason, k);
        }
        return (ConvergenceReason.None, limit);
    }

    [Fact]
    public void RosenbrockConvergesToItsMinimumByTheGradientNorm()
    {
        var f = new Rosenbrock();
        float[] x = [-1.2f, 1f, -1.2f, 1f, 0.5f, -0.3f];
        (ConvergenceReason reason, int iterations) = Minimise(ref f, x, history: 10, limit: 200, gtol: 1e-3, ftol: 0);
        Assert.Equal(ConvergenceReason.GradientNorm, reason);
        Assert.True(iterations < 100, $"{iterations} iterations");
        foreach (float v in x) Assert.Equal(1f, v, 1e-3f);
    }

    /// <summary>
    /// scipy 1.10's L-BFGS-B needs 94 iterations on this problem (gradient descent about cond·ln(1/ε), thousands):
    /// <c>n=20; c=1000**(np.arange(n)/(n-1)); t=np.arange(n)/n; minimize(lambda x: (0.5*np.sum(c*(x-t)**2), c*(x-t)),
    /// np.zeros(n), jac=True, method='L-BFGS-B', options=dict(maxcor=10, gtol=1e-3, ftol=0)).nit</c>.
    /// </summary>
    [Fact]
    public void AnIllConditionedQuadraticConvergesInNoMoreIterationsThanScipy()
    {
        var f = new Quadratic();
        var x = new float[20];
        (ConvergenceReason reason, int iterations) = Minimise(ref f, x, history: 10, limit: 200, gtol: 1e-3, ftol: 0);
        Assert.Equal(ConvergenceReason.GradientNorm, reason);
        Assert.True(iterations <= 94, $"{iterations} iterations");
        for (int i = 0; i < x.Length; i++) Assert.Equal(i / 20f, x[i], 1e-3f);
    }

    [Fact]
    public void TheLossChangeStopsARunOnAFlatBottom()
    {
        var f = new Quadratic();
        var x = new float[8];
        (ConvergenceReason reason, _) = Minimise(ref f, x, history: 5, limit: 500, gtol: 0, ftol: 1e-7);
        Assert.True(reason is ConvergenceReason.LossChange or ConvergenceReason.LineSearch, reason.ToString());
        Assert.True(f.Evaluate(x, new float[8]) < 1e-5);
    }

    [Fact]
    public void EveryAcceptedStepSatisfiesTheStrongWolfeConditions()
    {
        var f = new Rosenbrock();
        var probe = new Rosenbrock();
        float[] x = [-1.2f, 1f];
        int steps = 0;
        Minimise(ref f, x, history: 4, limit: 30, gtol: 1e-4, ftol: 0, check: (before, after, alpha) =>
        {
            var g0 = new float[2];
            var g1 = new float[2];
            double f0 = probe.Evaluate(before, g0), f1 = probe.Evaluate(after, g1);
            // d = (x₊ − x)/α; f(x₊) ≤ f(x) + c₁·α·g₀ᵀd and |g₁ᵀd| ≤ c₂·|g₀ᵀd| (up to float32 rounding of x)
            double d0 = (after[0] - (double)before[0]) / alpha, d1 = (after[1] - (double)before[1]) / alpha;
            double slope0 = g0[0] * d0 + g0[1] * d1, slope1 = g1[0] * d0 + g1[1] * d1;
            Assert.True(slope0 < 0, "a descent direction");
            Assert.True(f1 <= f0 + 1e-4 * alpha * slope0 + 1e-6 * Math.Abs(f0), $"sufficient decrease: {f1} vs {f0}");
            Assert.True(Math.Abs(slope1) <= 0.9 * Math.Abs(slope0) * (1 + 1e-3) + 1e-4, $"curvature: {slope1} vs {slope0}");
            steps++;
        });
        Assert.True(steps >= 10);
    }

    [Fact]
    public void AnIterationAllocatesNothing()
    {
        var f = new Quadratic();
        var x = new float[50];
        var lbfgs = new Lbfgs(x.Length, 10);
        var g = new float[x.Length];
        var block = new float[Lbfgs.Length(x.Length, 10)];
        for (int k = 0; k < 3; k++) lbfgs.Iterate(ref f, x, g, block, 0, 0);   // warm: JIT, first iteration
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 10; k++) lbfgs.Iterate(ref f, x, g, block, 0, 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
