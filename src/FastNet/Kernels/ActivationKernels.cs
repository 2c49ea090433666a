using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>Activation functions forward (z → a) and backward (da → dz, in place, from a).</summary>
internal static class ActivationKernels
{
    /// <summary>a (batch×units) = f(z (batch×units)); softmax is taken per row.</summary>
    public static void Forward(Activation activation, ReadOnlySpan<float> z, Span<float> a, int batch, int units)
    {
        int length = batch * units;
        z = z.Slice(0, length);
        a = a.Slice(0, length);
        switch (activation)
        {
            case Activation.Identity: z.CopyTo(a); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, a); break;
            case Activation.Tanh: TensorPrimitives.Tanh(z, a); break;
            case Activation.Relu: TensorPrimitives.Max(z, 0f, a); break;
            case Activation.Softmax:
                for (int i = 0; i < batch; i++) SoftmaxRow(z.Slice(i * units, units), a.Slice(i * units, units));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    /// <summary>
    /// d (batch×units): da on entry, dz = da ⊙ f′ on return, with f′ computed from the activation a. Softmax has no
    /// element-wise derivative; its gradient comes from the cross-entropy loss directly.
    /// </summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> a, Span<float> d, int length)
    {
        a = a.Slice(0, length);
        d = d.Slice(0, length);
        switch (activation)
        {
            case Activation.Identity: break;
            case Activation.Sigmoid: BinaryDriver.Run<SigmoidBackward>(d, a, d); break;
            case Activation.Tanh: BinaryDriver.Run<TanhBackward>(d, a, d); break;
            case Activation.Relu: BinaryDriver.Run<ReluBackward>(d, a, d); break;
            default: throw new NotSupportedException($"{activation} has no element-wise derivative; it is only valid with its loss");
        }
    }

    /// <summary>a (units) = softmax(z (units)), shifted by the row maximum so no exponent overflows.</summary>
    private static void SoftmaxRow(ReadOnlySpan<float> z, Span<float> a)
    {
        float max = TensorPrimitives.Max(z);
        TensorPrimitives.Subtract(z, max, a);
        TensorPrimitives.Exp(a, a);
        float sum = TensorPrimitives.Sum(a);
        TensorPrimitives.Multiply(a, 1f / sum, a);
    }

    /// <summary>dz = da · a · (1 − a).</summary>
    private readonly struct SigmoidBackward : IBinaryOperator
    {
        public static float Invoke(float da, float a) => da * (a * (1f - a));
        public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => da * (a * (Vector256<float>.One - a));
        public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => da * (a * (Vector512<float>.One - a));
    }

    /// <summary>dz = da · (1 − a²).</summary>
    private readonly struct TanhBackward : IBinaryOperator
    {
        public static float Invoke(float da, float a) => da * (1f - a * a);
        public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => da * (Vector256<float>.One - a * a);
        public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => da * (Vector512<float>.One - a * a);
    }

    /// <summary>dz = da where a &gt; 0, else 0.</summary>
    private readonly struct ReluBackward : IBinaryOperator
    {
        public static float Invoke(float da, float a) => a > 0f ? da : 0f;
        public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), da, Vector256<float>.Zero);
        public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), da, Vector512<float>.Zero);
    }
}
