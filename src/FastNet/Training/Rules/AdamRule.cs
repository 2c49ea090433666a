using FastNet.Kernels.Vectors;

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

    public void Update<TVec, TW>(ref TVec w, TVec g, ref TVec s0, ref TVec s1) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec m = TW.Add(TW.Multiply(TW.Create(_beta1), s0), TW.Multiply(TW.Create(1 - _beta1), g));
        TVec v = TW.Add(TW.Multiply(TW.Create(_beta2), s1), TW.Multiply(TW.Create(1 - _beta2), TW.Multiply(g, g)));
        s0 = m;
        s1 = v;
        TVec denominator = TW.Add(TW.Divide(TW.Sqrt(v), TW.Create(_correction2Sqrt)), TW.Create(_epsilon));
        w = TW.Subtract(w, TW.Multiply(TW.Create(_stepSize), TW.Divide(m, denominator)));
    }
}
