using System.Runtime.CompilerServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>
/// tanh(z) = sign(z) · −u / (2 + u) with u = e^−2|z| − 1 ∈ [−1, 0] from an accurate expm1, so small |z| keeps full
/// relative precision, tanh(±∞) is exactly ±1, and no finite input gives NaN. Backward: dz = da · (1 − a²).
/// </summary>
internal readonly struct TanhOperator : IActivationOperator<TanhOperator>
{
    // a = tanh(z)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec u = ExpMath.ExpM1<TVec, TW>(TW.Multiply(TW.Create(-2f), TW.Abs(z)));
        return TW.CopySign(TW.Divide(TW.Negate(u), TW.Add(TW.Create(2f), u)), z);
    }

    // dz = da · (1 − a·a)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.Multiply(da, TW.Subtract(TW.Create(1f), TW.Multiply(a, a)));
}
