using System.Runtime.Intrinsics;

namespace FastNet.Kernels.Activations;

/// <summary>
/// An activation: its forward a = f(z) (the <see cref="IUnaryOperator"/> members) and, beside it, its backward
/// dz = da ⊙ f′, with f′ written in terms of the activation a (what the backward pass keeps). Every width of
/// <c>Backward</c> returns the scalar member's bits; <see cref="ActivationBackward{TActivation}"/> runs it as a binary operator.
/// </summary>
internal interface IActivationOperator : IUnaryOperator
{
    static abstract float Backward(float da, float a);
    static abstract Vector128<float> Backward(Vector128<float> da, Vector128<float> a);
    static abstract Vector256<float> Backward(Vector256<float> da, Vector256<float> a);
    static abstract Vector512<float> Backward(Vector512<float> da, Vector512<float> a);
}
