using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels.Activations;

/// <summary>
/// tanh(z) = sign(z) · −u / (2 + u) with u = e^−2|z| − 1 ∈ [−1, 0] from an accurate expm1, so small |z| keeps full
/// relative precision, tanh(±∞) is exactly ±1, and no finite input gives NaN.
/// </summary>
internal readonly struct TanhOperator : IUnaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float z)
    {
        float u = ExpMath.ExpM1(-2f * MathF.Abs(z));
        return MathF.CopySign(-u / (2f + u), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> z)
    {
        Vector256<float> u = ExpMath.ExpM1(Vector256.Create(-2f) * Vector256.Abs(z));
        return Vector256.CopySign(-u / (Vector256.Create(2f) + u), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> z)
    {
        Vector512<float> u = ExpMath.ExpM1(Vector512.Create(-2f) * Vector512.Abs(z));
        return Vector512.CopySign(-u / (Vector512.Create(2f) + u), z);
    }
}
