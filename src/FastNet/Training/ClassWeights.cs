namespace FastNet.Training;

/// <summary>
/// Weights per class for training on labelled data: each sample's loss term is multiplied by its class's weight (and by
/// its own sample weight, if the data has them). <see cref="Balanced"/> is scikit-learn's <c>class_weight="balanced"</c>.
/// </summary>
public sealed class ClassWeights
{
    private readonly float[]? _weights;

    private ClassWeights(float[]? weights) => _weights = weights;

    /// <summary>
    /// w_c = n / (k · n_c) for the n training samples, n_c of them of class c, k the classes present (scikit-learn's
    /// <c>compute_class_weight("balanced")</c>): every class then weighs the same in the loss.
    /// </summary>
    public static ClassWeights Balanced { get; } = new(null);

    /// <summary>Explicit weights, one per class id (0, 1, ...), each a finite number ≥ 0.</summary>
    /// <exception cref="FastNetException">No weight is given, or one is negative or not finite.</exception>
    public static ClassWeights Of(params float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0) throw new FastNetException("class weights need at least one weight");
        for (int c = 0; c < weights.Length; c++)
            if (!(weights[c] >= 0) || !float.IsFinite(weights[c]))
                throw new FastNetException($"the weight of class {c} is {weights[c]}, not a finite number ≥ 0");
        return new ClassWeights((float[])weights.Clone());
    }

    /// <summary>Whether these are the balanced weights (computed from the training labels) rather than explicit ones.</summary>
    public bool IsBalanced => _weights is null;

    /// <summary>The explicit weights (empty for <see cref="Balanced"/>).</summary>
    public ReadOnlySpan<float> Explicit => _weights;

    /// <summary>The weight of each class 0..<paramref name="classes"/>−1 for these labels.</summary>
    internal float[] For(ReadOnlySpan<int> labels, int classes)
    {
        var weights = new float[classes];
        if (_weights is not null)
        {
            if (_weights.Length < classes)
                throw new FastNetException($"{_weights.Length} class weights for a network of {classes} classes; give one per class");
            _weights.AsSpan(0, classes).CopyTo(weights);
            return weights;
        }
        var counts = new int[classes];
        foreach (int label in labels) counts[label]++;
        int present = 0;
        foreach (int n in counts) if (n > 0) present++;
        for (int c = 0; c < classes; c++) weights[c] = counts[c] == 0 ? 0 : (float)((double)labels.Length / ((double)present * counts[c]));
        return weights;
    }
}
