using FastNet.Training;

namespace FastNet.Reference;

/// <summary>
/// The update rules written the obvious way, one parameter at a time in double, straight from their papers' and
/// PyTorch's documented pseudo-code: the oracle the vectorised rules are tested against. Same state layout
/// (s0, s1 per parameter) as the fast rules.
/// </summary>
internal static class ReferenceRules
{
    /// <summary>The reference twin of <see cref="Optimizer.Step"/>: the same options, state layout and step count.</summary>
    public static void Step(OptimizerOptions o, float learningRate, Span<float> w, ReadOnlySpan<float> dw, Span<float> state, int step)
    {
        int n = w.Length;
        Span<float> s0 = state.Slice(0, n), s1 = state.Slice(n, n);
        switch (o.Kind)
        {
            case OptimizerKind.Sgd: Sgd(learningRate, o.WeightDecay, w, dw); break;
            case OptimizerKind.Momentum: Momentum(learningRate, o.Momentum, false, o.WeightDecay, w, dw, s0); break;
            case OptimizerKind.Nesterov: Momentum(learningRate, o.Momentum, true, o.WeightDecay, w, dw, s0); break;
            case OptimizerKind.Adam: Adam(learningRate, o.Beta1, o.Beta2, o.Epsilon, step, o.WeightDecay, w, dw, s0, s1); break;
            case OptimizerKind.Rprop: Rprop(o.RpropIncrease, o.RpropDecrease, o.RpropMinStep, o.RpropMaxStep, o.WeightDecay, w, dw, s0, s1); break;
            default: throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "unknown optimizer");
        }
    }

    public static void Sgd(float lr, float decay, Span<float> w, ReadOnlySpan<float> dw)
    {
        for (int i = 0; i < w.Length; i++) w[i] = (float)(w[i] - (double)lr * (dw[i] + (double)decay * w[i]));
    }

    // PyTorch SGD: b_t = μ b_{t−1} + g_t (b_1 = g_1); nesterov: g_t + μ b_t, else b_t
    public static void Momentum(float lr, float mu, bool nesterov, float decay, Span<float> w, ReadOnlySpan<float> dw, Span<float> b)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double g = dw[i] + (double)decay * w[i];
            double velocity = (double)mu * b[i] + g;
            b[i] = (float)velocity;
            w[i] = (float)(w[i] - lr * (nesterov ? g + mu * velocity : velocity));
        }
    }

    // Kingma & Ba, Algorithm 1 with PyTorch's ε placement: m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ), w −= lr·m̂/(√v̂ + ε)
    public static void Adam(float lr, float beta1, float beta2, float epsilon, int t, float decay,
        Span<float> w, ReadOnlySpan<float> dw, Span<float> m, Span<float> v)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double g = dw[i] + (double)decay * w[i];
            double mi = beta1 * (double)m[i] + (1 - (double)beta1) * g;
            double vi = beta2 * (double)v[i] + (1 - (double)beta2) * g * g;
            m[i] = (float)mi;
            v[i] = (float)vi;
            double mHat = mi / (1 - Math.Pow(beta1, t)), vHat = vi / (1 - Math.Pow(beta2, t));
            w[i] = (float)(w[i] - lr * mHat / (Math.Sqrt(vHat) + epsilon));
        }
    }

    // Igel & Hüsken's iRPROP−: grow on same sign, shrink and forget on a flip, keep on a zero product
    public static void Rprop(float increase, float decrease, float minStep, float maxStep, float decay,
        Span<float> w, ReadOnlySpan<float> dw, Span<float> previous, Span<float> step)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double g = dw[i] + (double)decay * w[i];
            double product = g * previous[i];
            double delta = step[i];
            if (product > 0) delta = Math.Min(delta * increase, maxStep);
            else if (product < 0)
            {
                delta = Math.Max(delta * decrease, minStep);
                g = 0;
            }
            w[i] = (float)(w[i] - Math.Sign(g) * delta);
            previous[i] = (float)g;
            step[i] = (float)delta;
        }
    }
}
