using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>
/// An activation written once for every width: its forward a = f(z) and, beside it, its backward dz = da ⊙ f′, with f′
/// in terms of the activation a (what the backward pass keeps). The <see cref="IUnaryOperator"/> members of every width
/// come from <see cref="Forward"/> here, so every lane has the scalar member's bits; <see cref="ActivationBackward{TActivation}"/>
/// runs <see cref="Backward"/> as a binary operator.
/// </summary>
internal interface IActivationOperator<TSelf> : IUnaryOperator where TSelf : struct, IActivationOperator<TSelf>
{
    /// <summary>a = f(z) per lane.</summary>
    static abstract TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec>;

    /// <summary>dz = da ⊙ f′ per lane, f′ from the activation a.</summary>
    static abstract TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec>;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float IUnaryOperator.Invoke(float z) => TSelf.Forward<float, ScalarWidth>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<float> IUnaryOperator.Invoke(Vector128<float> z) => TSelf.Forward<Vector128<float>, Vector128Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> IUnaryOperator.Invoke(Vector256<float> z) => TSelf.Forward<Vector256<float>, Vector256Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> IUnaryOperator.Invoke(Vector512<float> z) => TSelf.Forward<Vector512<float>, Vector512Width>(z);
}
