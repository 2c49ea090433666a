using System.Runtime.Intrinsics;

namespace FastNet.Training.Rules;

/// <summary>
/// Adam as PyTorch's <c>torch.optim.Adam</c> computes it at step t (from 1): m ← β1·m + (1−β1)·g (s0 = m),
/// v ← β2·v + (1−β2)·g² (s1 = v), w ← w − (lr/(1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε).
/// </summary>
internal readonly struct AdamRule : IUpdateRule
{
    private readonly float _beta1, _beta2, _epsilon, _stepSize, _correction2Sqrt;

    public AdamRule(float learningRate, float beta1, float beta2, float epsilon, int step)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _stepSize = (float)(learningRate / (1 - Math.Pow(beta1, step)));
        _correction2Sqrt = (float)Math.Sqrt(1 - Math.Pow(beta2, step));
    }

    public void Update(ref float w, float g, ref float s0, ref float s1)
    {
        float m = _beta1 * s0 + (1 - _beta1) * g;
        float v = _beta2 * s1 + (1 - _beta2) * (g * g);
        s0 = m;
        s1 = v;
        w -= _stepSize * (m / (MathF.Sqrt(v) / _correction2Sqrt + _epsilon));
    }

    public void Update(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s0, ref Vector256<float> s1)
    {
        Vector256<float> m = Vector256.Create(_beta1) * s0 + Vector256.Create(1 - _beta1) * g;
        Vector256<float> v = Vector256.Create(_beta2) * s1 + Vector256.Create(1 - _beta2) * (g * g);
        s0 = m;
        s1 = v;
        w -= Vector256.Create(_stepSize) * (m / (Vector256.Sqrt(v) / Vector256.Create(_correction2Sqrt) + Vector256.Create(_epsilon)));
    }

    public void Update(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s0, ref Vector512<float> s1)
    {
        Vector512<float> m = Vector512.Create(_beta1) * s0 + Vector512.Create(1 - _beta1) * g;
        Vector512<float> v = Vector512.Create(_beta2) * s1 + Vector512.Create(1 - _beta2) * (g * g);
        s0 = m;
        s1 = v;
        w -= Vector512.Create(_stepSize) * (m / (Vector512.Sqrt(v) / Vector512.Create(_correction2Sqrt) + Vector512.Create(_epsilon)));
    }
}
