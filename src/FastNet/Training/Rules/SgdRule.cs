using System.Runtime.Intrinsics;

namespace FastNet.Training.Rules;

/// <summary>w ← w − lr·g. No state.</summary>
internal readonly struct SgdRule(float learningRate) : IUpdateRule
{
    private readonly float _lr = learningRate;

    public void Update(ref float w, float g, ref float s0, ref float s1) => w -= _lr * g;

    public void Update(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s0, ref Vector256<float> s1) =>
        w -= Vector256.Create(_lr) * g;

    public void Update(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s0, ref Vector512<float> s1) =>
        w -= Vector512.Create(_lr) * g;
}
