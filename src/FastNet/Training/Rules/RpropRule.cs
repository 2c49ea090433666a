using FastNet.Kernels.Vectors;

namespace FastNet.Training.Rules;

/// <summary>
/// iRPROP− in PyTorch's formulation (<c>torch.optim.Rprop</c>), s0 = the previous gradient g′, s1 = the step Δ (Δ0 at
/// the start): with p = g·g′, Δ ← clamp(Δ·(p &gt; 0 ? η+ : p &lt; 0 ? η− : 1), Δmin, Δmax); when p &lt; 0 the gradient is
/// forgotten (g ← 0, so no step now and no sign change next time); w ← w − sign(g)·Δ; g′ ← g.
/// </summary>
internal readonly struct RpropRule(float increase, float decrease, float minStep, float maxStep) : IUpdateRule
{
    private readonly float _increase = increase, _decrease = decrease, _min = minStep, _max = maxStep;

    public void Update<TVec, TW>(ref TVec w, TVec g, ref TVec s0, ref TVec s1) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec p = TW.Multiply(g, s0);
        TVec grow = TW.GreaterThan(p, TW.Zero), flip = TW.LessThan(p, TW.Zero);
        TVec factor = TW.ConditionalSelect(grow, TW.Create(_increase), TW.ConditionalSelect(flip, TW.Create(_decrease), TW.Create(1f)));
        TVec step = TW.Min(TW.Max(TW.Multiply(s1, factor), TW.Create(_min)), TW.Create(_max));
        g = TW.ConditionalSelect(flip, TW.Zero, g);
        TVec signedStep = TW.Subtract(TW.ConditionalSelect(TW.GreaterThan(g, TW.Zero), step, TW.Zero),
            TW.ConditionalSelect(TW.LessThan(g, TW.Zero), step, TW.Zero));
        w = TW.Subtract(w, signedStep);
        s0 = g;
        s1 = step;
    }
}
