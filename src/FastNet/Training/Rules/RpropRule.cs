using System.Runtime.Intrinsics;

namespace FastNet.Training.Rules;

/// <summary>
/// iRPROP− in PyTorch's formulation (<c>torch.optim.Rprop</c>), s0 = the previous gradient g′, s1 = the step Δ (Δ0 at
/// the start): with p = g·g′, Δ ← clamp(Δ·(p &gt; 0 ? η+ : p &lt; 0 ? η− : 1), Δmin, Δmax); when p &lt; 0 the gradient is
/// forgotten (g ← 0, so no step now and no sign change next time); w ← w − sign(g)·Δ; g′ ← g.
/// </summary>
internal readonly struct RpropRule(float increase, float decrease, float minStep, float maxStep) : IUpdateRule
{
    private readonly float _increase = increase, _decrease = decrease, _min = minStep, _max = maxStep;

    public void Update(ref float w, float g, ref float s0, ref float s1)
    {
        float p = g * s0;
        float step = Math.Clamp(s1 * (p > 0 ? _increase : p < 0 ? _decrease : 1f), _min, _max);
        if (p < 0) g = 0;
        w -= g > 0 ? step : g < 0 ? -step : 0f;
        s0 = g;
        s1 = step;
    }

    public void Update(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s0, ref Vector256<float> s1)
    {
        Vector256<float> p = g * s0;
        Vector256<float> grow = Vector256.GreaterThan(p, Vector256<float>.Zero), flip = Vector256.LessThan(p, Vector256<float>.Zero);
        Vector256<float> factor = Vector256.ConditionalSelect(grow, Vector256.Create(_increase),
            Vector256.ConditionalSelect(flip, Vector256.Create(_decrease), Vector256<float>.One));
        Vector256<float> step = Vector256.Min(Vector256.Max(s1 * factor, Vector256.Create(_min)), Vector256.Create(_max));
        g = Vector256.ConditionalSelect(flip, Vector256<float>.Zero, g);
        w -= Vector256.ConditionalSelect(Vector256.GreaterThan(g, Vector256<float>.Zero), step, Vector256<float>.Zero)
            - Vector256.ConditionalSelect(Vector256.LessThan(g, Vector256<float>.Zero), step, Vector256<float>.Zero);
        s0 = g;
        s1 = step;
    }

    public void Update(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s0, ref Vector512<float> s1)
    {
        Vector512<float> p = g * s0;
        Vector512<float> grow = Vector512.GreaterThan(p, Vector512<float>.Zero), flip = Vector512.LessThan(p, Vector512<float>.Zero);
        Vector512<float> factor = Vector512.ConditionalSelect(grow, Vector512.Create(_increase),
            Vector512.ConditionalSelect(flip, Vector512.Create(_decrease), Vector512<float>.One));
        Vector512<float> step = Vector512.Min(Vector512.Max(s1 * factor, Vector512.Create(_min)), Vector512.Create(_max));
        g = Vector512.ConditionalSelect(flip, Vector512<float>.Zero, g);
        w -= Vector512.ConditionalSelect(Vector512.GreaterThan(g, Vector512<float>.Zero), step, Vector512<float>.Zero)
            - Vector512.ConditionalSelect(Vector512.LessThan(g, Vector512<float>.Zero), step, Vector512<float>.Zero);
        s0 = g;
        s1 = step;
    }
}
