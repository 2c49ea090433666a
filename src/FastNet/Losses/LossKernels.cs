namespace FastNet.Losses;

/// <summary>
/// The loss of a batch and its gradient with respect to the output layer's pre-activation, dz = ∂L/∂z, in one pass, for
/// a <see cref="Loss"/>: each loss is its own <see cref="ILossFunction"/> (<see cref="SumSquaredError"/>,
/// <see cref="MeanSquaredError"/>, <see cref="BinaryCrossEntropy"/>, <see cref="SoftmaxCrossEntropy"/>), with its own
/// sum-or-mean rule. Sigmoid + bce and softmax + ce use their fused gradients (a − t, scaled), which are exact and never
/// divide by a or 1 − a.
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
        return loss switch
        {
            Loss.Sse => SumSquaredError.Forward(output, z, a, t, dz, batch, outputs),
            Loss.Mse => MeanSquaredError.Forward(output, z, a, t, dz, batch, outputs),
            Loss.Bce => BinaryCrossEntropy.Forward(output, z, a, t, dz, batch, outputs),
            Loss.CrossEntropy => SoftmaxCrossEntropy.Forward(output, z, a, t, dz, batch, outputs),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, null),
        };
    }

    /// <summary>Whether the loss is a sum over samples (chunks add) or a mean (chunks are weighted by their size): <see cref="ILossFunction.IsSum"/>.</summary>
    public static bool IsSum(Loss loss) => loss switch
    {
        Loss.Sse => SumSquaredError.IsSum,
        Loss.Mse => MeanSquaredError.IsSum,
        Loss.Bce => BinaryCrossEntropy.IsSum,
        Loss.CrossEntropy => SoftmaxCrossEntropy.IsSum,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, null),
    };
}
