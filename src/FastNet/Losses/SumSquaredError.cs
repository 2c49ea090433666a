namespace FastNet.Losses;

/// <summary>sse, the seed's loss: L = ½ Σ (a − t)² over every sample and output, a sum; da = a − t.</summary>
internal readonly struct SumSquaredError : ILossFunction
{
    public static bool IsSum => true;

    public static float Forward(Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t,
        Span<float> dz, int batch, int outputs) =>
        0.5f * SquaredError.SumAndGradient(output, a, t, dz, 1f);
}
