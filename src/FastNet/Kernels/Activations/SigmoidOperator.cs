using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels.Activations;

/// <summary>
/// σ(z) = 1 / (1 + e^−z), computed from t = e^−|z| ∈ [0, 1] as 1 / (1 + t) for z ≥ 0 and t / (1 + t) for z &lt; 0: nothing
/// overflows, σ(±∞) is exactly 1 and 0, no finite input gives NaN, and the error is a few ulp.
/// </summary>
internal readonly struct SigmoidOperator : IUnaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float z)
    {
        float t = ExpMath.Exp(-MathF.Abs(z));
        return (z >= 0f ? 1f : t) / (1f + t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> z)
    {
        Vector256<float> t = ExpMath.Exp(-Vector256.Abs(z));
        Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero), Vector256<float>.One, t);
        return numerator / (Vector256<float>.One + t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> z)
    {
        Vector512<float> t = ExpMath.Exp(-Vector512.Abs(z));
        Vector512<float> numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(z, Vector512<float>.Zero), Vector512<float>.One, t);
        return numerator / (Vector512<float>.One + t);
    }
}
