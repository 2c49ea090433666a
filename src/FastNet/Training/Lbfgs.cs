namespace FastNet.Training;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 7.4 with the line search of
/// Algorithms 3.5 and 3.6): the direction d = −H·g from the last m pairs s = x₊ − x, y = g₊ − g by the two-loop
/// recursion with H₀ = (sᵀy / yᵀy)·I, then a step α along d that satisfies the strong Wolfe conditions
/// f(x + αd) ≤ f(x) + c₁·α·gᵀd and |g(x + αd)ᵀd| ≤ c₂·|gᵀd| (c₁ = 1e-4, c₂ = 0.9). All its vectors — the 2m pairs, x and g
/// at the start of the iteration, d — live in one float block planned once (<see cref="Length"/>); dot products are
/// accumulated in double. An iteration allocates nothing.
/// </summary>
internal sealed class Lbfgs
{
    private const double C1 = 1e-4, C2 = 0.9;

    /// <summary>Objective evaluations one line search may take before it gives up.</summary>
    public const int MaxEvaluations = 25;

    private readonly int _n, _m;
    private readonly double[] _rho, _alpha;   // 1/(sᵀy) per pair, and the two-loop coefficients (2m doubles, made once)
    private int _pairs, _newest = -1;
    private bool _started;
    private double _f;

    /// <summary>Plans L-BFGS for <paramref name="parameters"/> parameters with <paramref name="history"/> pairs.</summary>
    public Lbfgs(int parameters, int history)
    {
        _n = parameters;
        _m = history;
        _rho = new double[history];
        _alpha = new double[history];
    }

    /// <summary>The floats of the block an instance works in: s and y (m·n each), x₀, g₀ and d (n each).</summary>
    public static long Length(int parameters, int history) => (2L * history + 3) * parameters;

    /// <summary>Objective evaluations in the last iteration (1 per line-search trial).</summary>
    public int Evaluations { get; private set; }

    /// <summary>The step α the last iteration's line search accepted (0 when it found none).</summary>
    public double Step { get; private set; }

    /// <summary>The objective at the current parameters (after the last iteration).</summary>
    public double Value => _f;

    /// <summary>Forgets the pairs: the next iteration starts from steepest descent (as at the start of a run).</summary>
    public void Reset()
    {
        _pairs = 0;
        _newest = -1;
        _started = false;
    }

    /// <summary>
    /// One iteration from <paramref name="x"/> (updated in place) in <paramref name="block"/> (<see cref="Length"/>
    /// floats, kept between iterations): returns why it converged, or <see cref="ConvergenceReason.None"/> to go on.
    /// <paramref name="g"/> is scratch the objective writes gradients to; on return it holds ∇f at the new x.
    /// </summary>
    public ConvergenceReason Iterate<T>(ref T objective, Span<float> x, Span<float> g, Span<float> block,
        double gradientTolerance, double lossTolerance) where T : ILbfgsObjective
    {
        int n = _n;
        Span<float> x0 = block.Slice(2 * _m * n, n), g0 = block.Slice((2 * _m + 1) * n, n), d = block.Slice((2 * _m + 2) * n, n);
        Evaluations = 0;
        if (!_started)
        {
            _f = objective.Evaluate(x, g);
            Evaluations++;
            g.CopyTo(g0);
            _started = true;
        }
        else
        {
            g0.CopyTo(g);
        }
        if (MaxAbs(g0) <= gradientTolerance) return ConvergenceReason.GradientNorm;
        x.CopyTo(x0);

        double slope = Direction(block, g0, d);
        if (!(slope < 0))   // not a descent direction (rounding in the pairs): start again from steepest descent
        {
            Reset();
            _started = true;
            for (int i = 0; i < n; i++) d[i] = -g0[i];
            slope = -Dot(g0, g0);
        }
        double first = _pairs > 0 ? 1.0 : Math.Min(1.0, 1.0 / Norm1(g0));
        double f0 = _f;
        double alpha = LineSearch(ref objective, x, g, x0, d, f0, slope, first, out double f);
        Step = alpha;
        if (alpha == 0)
        {
            x0.CopyTo(x);   // no acceptable step: stay at the start
            g0.CopyTo(g);
            return ConvergenceReason.LineSearch;
        }
        _f = f;
        Remember(block, x, g, x0, g0);
        g.CopyTo(g0);
        if (MaxAbs(g) <= gradientTolerance) return ConvergenceReason.GradientNorm;
        if (f0 - f <= lossTolerance * Math.Max(Math.Max(Math.Abs(f0), Math.Abs(f)), 1)) return ConvergenceReason.LossChange;
        return ConvergenceReason.None;
    }

    // d = −H·g by the two-loop recursion over the stored pairs (newest first, then oldest first); returns gᵀd
    private double Direction(Span<float> block, ReadOnlySpan<float> g, Span<float> d)
    {
        int n = _n;
        g.CopyTo(d);   // q ← g
        if (_pairs > 0)
        {
            for (int j = 0, i = _newest; j < _pairs; j++, i = (i + _m - 1) % _m)
            {
                _alpha[i] = _rho[i] * Dot(S(block, i), d);
                Axpy(-_alpha[i], Y(block, i), d);
            }
            ReadOnlySpan<float> sNew = S(block, _newest), yNew = Y(block, _newest);
            Scale(Dot(sNew, yNew) / Dot(yNew, yNew), d);   // r ← H₀·q
            for (int j = 0, i = (_newest - _pairs + 1 + _m) % _m; j < _pairs; j++, i = (i + 1) % _m)
            {
                double beta = _rho[i] * Dot(Y(block, i), d);
                Axpy(_alpha[i] - beta, S(block, i), d);
            }
        }
        for (int i = 0; i < n; i++) d[i] = -d[i];
        return Dot(g, d);
    }

    // s = x − x₀, y = g − g₀ into the oldest slot, kept only when sᵀy > 0 (the curvature that keeps H positive definite)
    private void Remember(Span<float> block, ReadOnlySpan<float> x, ReadOnlySpan<float> g, ReadOnlySpan<float> x0, ReadOnlySpan<float> g0)
    {
        int slot = (_newest + 1) % _m;
        Span<float> s = S(block, slot), y = Y(block, slot);
        for (int i = 0; i < _n; i++)
        {
            s[i] = x[i] - x0[i];
            y[i] = g[i] - g0[i];
        }
        double sy = Dot(s, y);
        if (!(sy > 1e-10 * Dot(y, y))) return;
        _rho[slot] = 1 / sy;
        _newest = slot;
        _pairs = Math.Min(_pairs + 1, _m);
    }

    /// <summary>
    /// Nocedal and Wright's Algorithm 3.5: grows α (doubling) until it brackets a strong-Wolfe step, then zooms
    /// (Algorithm 3.6) with safeguarded cubic interpolation. Leaves x and g at the accepted step and returns α, or 0 when
    /// no step was found within <see cref="MaxEvaluations"/>.
    /// </summary>
    private double LineSearch<T>(ref T objective, Span<float> x, Span<float> g, ReadOnlySpan<float> x0, ReadOnlySpan<float> d,
        double f0, double slope0, double alpha, out double f) where T : ILbfgsObjective
    {
        double previous = 0, fPrevious = f0, slopePrevious = slope0;
        while (Evaluations < MaxEvaluations)
        {
            f = Trial(ref objective, x, g, x0, d, alpha, out double slope);
            if (!(f <= f0 + C1 * alpha * slope0) || (previous > 0 && f >= fPrevious))
                return Zoom(ref objective, x, g, x0, d, f0, slope0, previous, fPrevious, slopePrevious, alpha, f, slope, out f);
            if (Math.Abs(slope) <= -C2 * slope0) return alpha;
            if (slope >= 0)
                return Zoom(ref objective, x, g, x0, d, f0, slope0, alpha, f, slope, previous, fPrevious, slopePrevious, out f);
            (previous, fPrevious, slopePrevious) = (alpha, f, slope);
            alpha *= 2;
        }
        f = f0;
        return 0;
    }

    // lo satisfies sufficient decrease and has the lowest f so far; the bracket [lo, hi] (either order) holds a Wolfe step
    private double Zoom<T>(ref T objective, Span<float> x, Span<float> g, ReadOnlySpan<float> x0, ReadOnlySpan<float> d, double f0, double slope0,
        double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi, out double f) where T : ILbfgsObjective
    {
        while (Evaluations < MaxEvaluations)
        {
            double alpha = Cubic(lo, fLo, slopeLo, hi, fHi, slopeHi);
            f = Trial(ref objective, x, g, x0, d, alpha, out double slope);
            if (!(f <= f0 + C1 * alpha * slope0) || f >= fLo)
            {
                (hi, fHi, slopeHi) = (alpha, f, slope);
                continue;
            }
            if (Math.Abs(slope) <= -C2 * slope0) return alpha;
            if (slope * (hi - lo) >= 0) (hi, fHi, slopeHi) = (lo, fLo, slopeLo);
            (lo, fLo, slopeLo) = (alpha, f, slope);
        }
        // out of evaluations: the best point seen satisfies sufficient decrease; go back to it (one more evaluation)
        if (lo > 0 && fLo < f0)
        {
            f = Trial(ref objective, x, g, x0, d, lo, out _);
            return lo;
        }
        f = f0;
        return 0;
    }

    // the minimiser of the cubic through (a, fa, da) and (b, fb, db), kept at least a tenth of |b − a| from either end
    // (bisection when the cubic has none or a value is not finite)
    private static double Cubic(double a, double fa, double da, double b, double fb, double db)
    {
        double low = Math.Min(a, b), high = Math.Max(a, b), margin = 0.1 * (high - low);
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double radicand = d1 * d1 - da * db;
        double alpha = double.NaN;
        if (radicand >= 0 && double.IsFinite(fb) && double.IsFinite(db))
        {
            double d2 = Math.Sign(b - a) * Math.Sqrt(radicand);
            alpha = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
        }
        if (!double.IsFinite(alpha)) return 0.5 * (a + b);
        return Math.Clamp(alpha, low + margin, high - margin);
    }

    // f and g at x = x₀ + α·d; the directional derivative gᵀd
    private double Trial<T>(ref T objective, Span<float> x, Span<float> g, ReadOnlySpan<float> x0, ReadOnlySpan<float> d, double alpha,
        out double slope) where T : ILbfgsObjective
    {
        float a = (float)alpha;
        for (int i = 0; i < x.Length; i++) x[i] = x0[i] + a * d[i];
        double f = objective.Evaluate(x, g);
        Evaluations++;
        slope = Dot(g, d);
        if (!double.IsFinite(f) || !double.IsFinite(slope)) (f, slope) = (double.PositiveInfinity, double.PositiveInfinity);
        return f;
    }

    private Span<float> S(Span<float> block, int i) => block.Slice(i * _n, _n);
    private Span<float> Y(Span<float> block, int i) => block.Slice((_m + i) * _n, _n);

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    private static void Axpy(double alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        float a = (float)alpha;
        for (int i = 0; i < y.Length; i++) y[i] += a * x[i];
    }

    private static void Scale(double alpha, Span<float> x)
    {
        float a = (float)alpha;
        for (int i = 0; i < x.Length; i++) x[i] *= a;
    }

    private static double MaxAbs(ReadOnlySpan<float> x)
    {
        double max = 0;
        for (int i = 0; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i]));
        return max;
    }

    private static double Norm1(ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += Math.Abs(x[i]);
        return sum;
    }
}
