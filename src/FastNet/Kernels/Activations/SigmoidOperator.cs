using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>
/// σ(z) = 1 / (1 + e^−z), computed from t = e^−|z| ∈ [0, 1] as 1 / (1 + t) for z ≥ 0 and t / (1 + t) for z &lt; 0: nothing
/// overflows, σ(±∞) is exactly 1 and 0, no finite input gives NaN, and the error is a few ulp. Backward: dz = da · a · (1 − a).
/// </summary>
internal readonly struct SigmoidOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float z) => Forward<float, ScalarWidth>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> z) => Forward<Vector128<float>, Vector128Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> z) => Forward<Vector256<float>, Vector256Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> z) => Forward<Vector512<float>, Vector512Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Backward(float da, float a) => Backward<float, ScalarWidth>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Backward(Vector128<float> da, Vector128<float> a) => Backward<Vector128<float>, Vector128Width>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Backward(Vector256<float> da, Vector256<float> a) => Backward<Vector256<float>, Vector256Width>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Backward(Vector512<float> da, Vector512<float> a) => Backward<Vector512<float>, Vector512Width>(da, a);

    // a = σ(z)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec t = ExpMath.Exp<TVec, TW>(TW.Negate(TW.Abs(z)));
        TVec one = TW.Create(1f);
        return TW.Divide(TW.ConditionalSelect(TW.GreaterThanOrEqual(z, TW.Zero), one, t), TW.Add(one, t));
    }

    // dz = da · (a · (1 − a))
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.Multiply(da, TW.Multiply(a, TW.Subtract(TW.Create(1f), a)));
}
