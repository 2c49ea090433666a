namespace FastNet.Losses;

/// <summary>
/// One loss: its value for a batch and its gradient with respect to the output layer's pre-activation, dz = ∂L/∂z, in one
/// pass, and how batches combine (<see cref="IsSum"/>). <see cref="LossKernels"/> picks the implementation for a <see cref="Loss"/>.
/// </summary>
internal interface ILossFunction
{
    /// <summary>
    /// True when L is a sum over samples, so the loss of a dataset run in chunks is the sum of the chunks' losses; false
    /// when it is a mean, so each chunk's loss is weighted by its share of the samples.
    /// </summary>
    static abstract bool IsSum { get; }

    /// <summary>
    /// Returns L for outputs a and pre-activations z (batch×outputs) against targets t (batch×outputs) and writes dz
    /// (batch×outputs); every span is exactly batch×outputs long.
    /// </summary>
    static abstract float Forward(Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t,
        Span<float> dz, int batch, int outputs);
}
