namespace FastNet.Losses;

/// <summary>
/// Sample weights on top of <see cref="LossKernels"/>: every loss is its per-sample terms ℓₙ, each multiplied by the
/// sample's weight wₙ, with W = Σₙ wₙ in place of N where the loss averages — sse ½Σₙ wₙ Σₖ (o − t)²; mse
/// Σₙ wₙ Σₖ (o − t)² / (W·K); bce Σₙ wₙ Σₖ bceₙₖ / (W·K); ce Σₙ wₙ ceₙ / W (PyTorch's weighted mean) — so weights of 1
/// give the unweighted loss exactly and scaling every weight by a constant changes only sse. The gradient is the
/// unweighted one with row n scaled by wₙ (sse) or wₙ·N/W (the means).
/// </summary>
internal static class WeightedLoss
{
    /// <summary>
    /// Given dz (batch×outputs) as <see cref="LossKernels.Forward"/> wrote it for the unweighted batch, scales its rows by
    /// the weights <paramref name="w"/> (batch) and returns the weighted loss, recomputed per sample in double.
    /// </summary>
    public static float Apply(Loss loss, Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t,
        ReadOnlySpan<float> w, Span<float> dz, int batch, int outputs)
    {
        double total = 0, weighted = 0;
        for (int n = 0; n < batch; n++) total += w[n];
        for (int n = 0; n < batch; n++)
        {
            int row = n * outputs;
            weighted += w[n] * SampleLoss(loss, output, z.Slice(row, outputs), a.Slice(row, outputs), t.Slice(row, outputs));
            float scale = loss == Loss.Sse ? w[n] : (float)(w[n] * batch / total);
            Span<float> dzRow = dz.Slice(row, outputs);
            for (int k = 0; k < outputs; k++) dzRow[k] *= scale;
        }
        return (float)(loss switch
        {
            Loss.Sse => weighted,
            Loss.Mse or Loss.Bce => weighted / (total * outputs),
            _ => weighted / total,
        });
    }

    /// <summary>ℓₙ of one sample before the loss's scale: sse ½Σ(o − t)², mse Σ(o − t)², bce Σ bce(z, t), ce −Σ t(z − lse z).</summary>
    private static double SampleLoss(Loss loss, Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t)
    {
        switch (loss)
        {
            case Loss.Sse:
            case Loss.Mse:
                double sum = 0;
                for (int k = 0; k < a.Length; k++)
                {
                    double d = (double)a[k] - t[k];
                    sum += d * d;
                }
                return loss == Loss.Sse ? 0.5 * sum : sum;
            case Loss.Bce:
                return BinaryCrossEntropy.Sum(z, t);
            default:
                return SoftmaxCrossEntropy.Sum(z, t, 1, z.Length);
        }
    }
}
