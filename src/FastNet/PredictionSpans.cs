namespace FastNet;

/// <summary>The argument rule every Predict shares: the outputs may not overlap the inputs (they are written while inputs are still read).</summary>
internal static class PredictionSpans
{
    /// <exception cref="ArgumentException">The spans overlap.</exception>
    public static void CheckApart(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Overlaps(y))
            throw new ArgumentException("the output span overlaps the input span; predict into a separate buffer", nameof(y));
    }
}
