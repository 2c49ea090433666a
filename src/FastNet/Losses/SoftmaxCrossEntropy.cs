using System.Numerics.Tensors;

namespace FastNet.Losses;

/// <summary>
/// ce after a softmax output: L = −Σₙ Σₖ tₙₖ ln softmax(zₙ)ₖ / N over N samples (one-hot or probability rows t), a mean;
/// the fused gradient dz = (softmax(z) − t) / N.
/// </summary>
internal readonly struct SoftmaxCrossEntropy : ILossFunction
{
    public static bool IsSum => false;

    public static float Forward(Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t,
        Span<float> dz, int batch, int outputs)
    {
        float value = (float)(Sum(z, t, batch, outputs) / batch);
        TensorPrimitives.Subtract(a, t, dz);
        TensorPrimitives.Multiply(dz, 1f / batch, dz);
        return value;
    }

    /// <summary>Σ over rows of −Σₖ tₖ (zₖ − logsumexp(z)), with the row maximum subtracted inside logsumexp.</summary>
    internal static double Sum(ReadOnlySpan<float> z, ReadOnlySpan<float> t, int batch, int outputs)
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
