using FastNet.Kernels.Vectors;

namespace FastNet.Training.Rules;

/// <summary>
/// One optimizer rule for one parameter w with gradient g and two floats of state s0, s1, written once for every width
/// (Vector512, Vector256, Vector128 and scalar, through <see cref="IVectorWidth{TVec}"/>), so <see cref="UpdateDriver"/>
/// runs it over all parameters in one pass and the JIT inlines it. Hyper-parameters are fields of the implementing
/// struct. Every width runs the same operations in the same order, so the vector and scalar paths agree bit for bit.
/// </summary>
internal interface IUpdateRule
{
    void Update<TVec, TW>(ref TVec w, TVec g, ref TVec s0, ref TVec s1) where TVec : struct where TW : struct, IVectorWidth<TVec>;
}
