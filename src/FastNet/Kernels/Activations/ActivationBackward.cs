using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>An activation's backward, dz = op(da, a) = da ⊙ f′(a), as a binary operator for the drivers.</summary>
internal readonly struct ActivationBackward<TActivation> : IBinaryOperator where TActivation : struct, IActivationOperator<TActivation>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float da, float a) => TActivation.Backward<float, ScalarWidth>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> da, Vector128<float> a) => TActivation.Backward<Vector128<float>, Vector128Width>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => TActivation.Backward<Vector256<float>, Vector256Width>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => TActivation.Backward<Vector512<float>, Vector512Width>(da, a);
}
