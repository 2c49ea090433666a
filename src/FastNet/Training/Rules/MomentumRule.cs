using System.Runtime.Intrinsics;

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

    public void Update(ref float w, float g, ref float s0, ref float s1)
    {
        float b = _mu * s0 + g;
        s0 = b;
        w -= _lr * (_nesterov ? g + _mu * b : b);
    }

    public void Update(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s0, ref Vector256<float> s1)
    {
        Vector256<float> mu = Vector256.Create(_mu);
        Vector256<float> b = mu * s0 + g;
        s0 = b;
        w -= Vector256.Create(_lr) * (_nesterov ? g + mu * b : b);
    }

    public void Update(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s0, ref Vector512<float> s1)
    {
        Vector512<float> mu = Vector512.Create(_mu);
        Vector512<float> b = mu * s0 + g;
        s0 = b;
        w -= Vector512.Create(_lr) * (_nesterov ? g + mu * b : b);
    }
}
