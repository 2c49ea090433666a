using System.Runtime.Intrinsics;

namespace FastNet.Training.Rules;

/// <summary>
/// One optimizer rule for one parameter w with gradient g and two floats of state s0, s1, written once per vector width
/// so <see cref="UpdateDriver"/> runs it over all parameters in one pass and the JIT inlines it. Hyper-parameters are
/// fields of the implementing struct. Every width must compute the same operations in the same order, so the vector
/// and scalar paths agree bit for bit.
/// </summary>
internal interface IUpdateRule
{
    void Update(ref float w, float g, ref float s0, ref float s1);
    void Update(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s0, ref Vector256<float> s1);
    void Update(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s0, ref Vector512<float> s1);
}
