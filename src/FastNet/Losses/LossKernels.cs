using System.Numerics.Tensors;
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
            {
                TensorPrimitives.Subtract(a, t, dz);                 // da = a − t
                float value = 0.5f * TensorPrimitives.SumOfSquares(dz);
                ActivationKernels.Backward(output, a, dz, length);   // dz = da ⊙ f′(a)
                return value;
            }
            case Loss.Mse:
            {
                TensorPrimitives.Subtract(a, t, dz);
                float scale = 1f / length;
                float value = TensorPrimitives.SumOfSquares(dz) * scale;
                TensorPrimitives.Multiply(dz, 2f * scale, dz);       // da = 2 (a − t) / (N·K)
                ActivationKernels.Backward(output, a, dz, length);
                return value;
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
