using FastNet.Kernels.Vectors;

namespace FastNet.Training.Rules;

/// <summary>w ← w − lr·g. No state.</summary>
internal readonly struct SgdRule(float learningRate) : IUpdateRule
{
    private readonly float _lr = learningRate;

    public void Update<TVec, TW>(ref TVec w, TVec g, ref TVec s0, ref TVec s1) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        w = TW.Subtract(w, TW.Multiply(TW.Create(_lr), g));
}
