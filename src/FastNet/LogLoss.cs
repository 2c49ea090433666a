namespace FastNet;

/// <summary>
/// The log-loss (cross-entropy) of class probabilities, as scikit-learn's <c>log_loss</c> computes it for float32
/// probabilities: each probability is clipped to [ε, 1 − ε] with ε = 2⁻²³ (float32's machine epsilon), each row is
/// renormalised to sum 1, and the result is −(1/n)·Σᵢ ln pᵢ,yᵢ.
/// </summary>
public static class LogLoss
{
    /// <summary>float32's machine epsilon, 2⁻²³: scikit-learn's clip for float32 probabilities (eps="auto").</summary>
    public const double Epsilon = 1.1920928955078125e-07;

    /// <summary>
    /// The log-loss of <paramref name="probabilities"/> (samples×<paramref name="classes"/>, row-major) for the class ids
    /// <paramref name="labels"/> (samples).
    /// </summary>
    /// <exception cref="FastNetException">The sizes do not match or a label is outside the classes.</exception>
    public static double Compute(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, int classes)
    {
        if (classes < 2 || labels.IsEmpty || probabilities.Length != (long)labels.Length * classes)
            throw new FastNetException($"the log-loss needs {labels.Length} rows of {classes} probabilities (at least 2 classes), not {probabilities.Length} values");
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new FastNetException($"label {labels[i]} of sample {i} is outside the {classes} classes");
            ReadOnlySpan<float> row = probabilities.Slice(i * classes, classes);
            double total = 0;
            for (int k = 0; k < classes; k++) total += Clip(row[k]);
            sum -= Math.Log(Clip(row[labels[i]]) / total);
        }
        return sum / labels.Length;
    }

    private static double Clip(float p) => Math.Clamp((double)p, Epsilon, 1 - Epsilon);
}
