using System.Runtime.CompilerServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>
/// σ(z) = 1 / (1 + e^−z), computed from t = e^−|z| ∈ [0, 1] as 1 / (1 + t) for z ≥ 0 and t / (1 + t) for z &lt; 0: nothing
/// overflows, σ(±∞) is exactly 1 and 0, no finite input gives NaN, and the error is a few ulp. Backward: dz = da · a · (1 − a).
/// </summary>
internal readonly struct SigmoidOperator : IActivationOperator<SigmoidOperator>
{
    // a = σ(z)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec t = ExpMath.Exp<TVec, TW>(TW.Negate(TW.Abs(z)));
        TVec one = TW.Create(1f);
        return TW.Divide(TW.ConditionalSelect(TW.GreaterThanOrEqual(z, TW.Zero), one, t), TW.Add(one, t));
    }

    // dz = da · (a · (1 − a))
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.Multiply(da, TW.Multiply(a, TW.Subtract(TW.Create(1f), a)));
}
