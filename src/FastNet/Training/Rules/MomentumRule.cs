using FastNet.Kernels.Vectors;

namespace FastNet.Training.Rules;

/// <summary>
/// PyTorch's SGD with momentum (dampening 0): b ← μ·b + g (s0 = b, starting at 0, so the first b is g); then
/// w ← w − lr·b, or with Nesterov w ← w − lr·(g + μ·b). s1 is unused.
/// </summary>
internal readonly struct MomentumRule(float learningRate, float momentum, bool nesterov) : IUpdateRule
{
    private readonly float _lr = learningRate;
    private readonly float _mu = momentum;
    private readonly bool _nesterov = nesterov;

    public void Update<TVec, TW>(ref TVec w, TVec g, ref TVec s0, ref TVec s1) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec mu = TW.Create(_mu);
        TVec b = TW.Add(TW.Multiply(mu, s0), g);
        s0 = b;
        w = TW.Subtract(w, TW.Multiply(TW.Create(_lr), _nesterov ? TW.Add(g, TW.Multiply(mu, b)) : b));
    }
}
