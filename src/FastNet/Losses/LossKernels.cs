using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels;

namespace FastNet.Losses;

/// <summary>
/// The loss of a batch and its gradient with respect to the output layer's pre-activation, dz = ∂L/∂z, in one pass.
/// Sigmoid + bce and softmax + ce use their fused gradients (a − t, scaled), which are exact and never divide by a or 1 − a.
/// </summary>
internal static class LossKernels
{
    /// <summary>
    /// Returns L for outputs a and pre-activations z (batch×outputs) against targets t (batch×outputs; one-hot rows for
    /// ce) and writes dz (batch×outputs). N is the batch.
    /// </summary>
    public static float Forward(Loss loss, Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t,
        Span<float> dz, int batch, int outputs)
    {
        int length = batch * outputs;
        z = z.Slice(0, length);
        a = a.Slice(0, length);
        t = t.Slice(0, length);
        dz = dz.Slice(0, length);
        switch (loss)
        {
            case Loss.Sse:
                return 0.5f * SquaredErrorGradient(output, a, t, dz, 1f);             // da = a − t
            case Loss.Mse:
            {
                float scale = 1f / length;
                return SquaredErrorGradient(output, a, t, dz, 2f * scale) * scale;    // da = 2 (a − t) / (N·K)
            }
            case Loss.Bce:
            {
                float value = (float)(BinaryCrossEntropySum(z, t) / length);
                TensorPrimitives.Subtract(a, t, dz);
                TensorPrimitives.Multiply(dz, 1f / length, dz);      // dz = (σ(z) − t) / (N·K)
                return value;
            }
            case Loss.CrossEntropy:
            {
                float value = (float)(SoftmaxCrossEntropySum(z, t, batch, outputs) / batch);
                TensorPrimitives.Subtract(a, t, dz);
                TensorPrimitives.Multiply(dz, 1f / batch, dz);       // dz = (softmax(z) − t) / N
                return value;
            }
            default: throw new ArgumentOutOfRangeException(nameof(loss), loss, null);
        }
    }

    /// <summary>Returns Σ (a − t)² and writes dz = scale·(a − t) ⊙ f′(a), all in one pass over a, t and dz.</summary>
    private static float SquaredErrorGradient(Activation output, ReadOnlySpan<float> a, ReadOnlySpan<float> t, Span<float> dz, float scale) =>
        output switch
        {
            Activation.Identity => SquaredErrorGradient<ActivationKernels.IdentityBackward>(a, t, dz, scale),
            Activation.Sigmoid => SquaredErrorGradient<ActivationKernels.SigmoidBackward>(a, t, dz, scale),
            Activation.Tanh => SquaredErrorGradient<ActivationKernels.TanhBackward>(a, t, dz, scale),
            Activation.Relu => SquaredErrorGradient<ActivationKernels.ReluBackward>(a, t, dz, scale),
            _ => throw new NotSupportedException($"{output} has no element-wise derivative; it is only valid with its loss"),
        };

    // Σ (a − t)² over length; dz (length) = op(scale·(a − t), a)
    private static float SquaredErrorGradient<TBackward>(ReadOnlySpan<float> a, ReadOnlySpan<float> t, Span<float> dz, float scale)
        where TBackward : struct, IBinaryOperator
    {
        int length = dz.Length;
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float tr = ref MemoryMarshal.GetReference(t);
        ref float dr = ref MemoryMarshal.GetReference(dz);
        float sum = 0f;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            Vector512<float> sums = Vector512<float>.Zero, scales = Vector512.Create(scale);
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> ai = Vector512.LoadUnsafe(ref ar, (nuint)i);
                Vector512<float> d = ai - Vector512.LoadUnsafe(ref tr, (nuint)i);
                sums = Vector512.FusedMultiplyAdd(d, d, sums);
                TBackward.Invoke(d * scales, ai).StoreUnsafe(ref dr, (nuint)i);
            }
            sum = Vector512.Sum(sums);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            Vector256<float> sums = Vector256<float>.Zero, scales = Vector256.Create(scale);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> ai = Vector256.LoadUnsafe(ref ar, (nuint)i);
                Vector256<float> d = ai - Vector256.LoadUnsafe(ref tr, (nuint)i);
                sums = Vector256.FusedMultiplyAdd(d, d, sums);
                TBackward.Invoke(d * scales, ai).StoreUnsafe(ref dr, (nuint)i);
            }
            sum = Vector256.Sum(sums);
        }
        for (; i < length; i++)
        {
            float ai = Unsafe.Add(ref ar, i);
            float d = ai - Unsafe.Add(ref tr, i);
            sum = MathF.FusedMultiplyAdd(d, d, sum);
            Unsafe.Add(ref dr, i) = TBackward.Invoke(d * scale, ai);
        }
        return sum;
    }

    /// <summary>Σ max(z, 0) − z·t + ln(1 + e^−|z|): −[t ln σ(z) + (1 − t) ln(1 − σ(z))] without overflow.</summary>
    internal static double BinaryCrossEntropySum(ReadOnlySpan<float> z, ReadOnlySpan<float> t)
    {
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double zi = z[i];
            sum += Math.Max(zi, 0) - zi * t[i] + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
        }
        return sum;
    }

    /// <summary>Σ over rows of −Σₖ tₖ (zₖ − logsumexp(z)), with the row maximum subtracted inside logsumexp.</summary>
    internal static double SoftmaxCrossEntropySum(ReadOnlySpan<float> z, ReadOnlySpan<float> t, int batch, int outputs)
    {
        double sum = 0;
        for (int i = 0; i < batch; i++)
        {
            ReadOnlySpan<float> zRow = z.Slice(i * outputs, outputs);
            ReadOnlySpan<float> tRow = t.Slice(i * outputs, outputs);
            double max = TensorPrimitives.Max(zRow);
            double exps = 0;
            for (int k = 0; k < outputs; k++) exps += Math.Exp(zRow[k] - max);
            double logSumExp = max + Math.Log(exps);
            for (int k = 0; k < outputs; k++)
                if (tRow[k] != 0f) sum -= tRow[k] * (zRow[k] - logSumExp);
        }
        return sum;
    }
}
