using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>
/// tanh(z) = sign(z) · −u / (2 + u) with u = e^−2|z| − 1 ∈ [−1, 0] from an accurate expm1, so small |z| keeps full
/// relative precision, tanh(±∞) is exactly ±1, and no finite input gives NaN. Backward: dz = da · (1 − a²).
/// </summary>
internal readonly struct TanhOperator : IActivationOperator
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

    // a = tanh(z)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec u = ExpMath.ExpM1<TVec, TW>(TW.Multiply(TW.Create(-2f), TW.Abs(z)));
        return TW.CopySign(TW.Divide(TW.Negate(u), TW.Add(TW.Create(2f), u)), z);
    }

    // dz = da · (1 − a·a)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.Multiply(da, TW.Subtract(TW.Create(1f), TW.Multiply(a, a)));
}
