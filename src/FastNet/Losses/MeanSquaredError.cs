namespace FastNet.Losses;

/// <summary>mse: L = Σ (a − t)² / (N·K) over N samples and K outputs, a mean; da = 2 (a − t) / (N·K).</summary>
internal readonly struct MeanSquaredError : ILossFunction
{
    public static bool IsSum => false;

    public static float Forward(Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t,
        Span<float> dz, int batch, int outputs)
    {
        float scale = 1f / dz.Length;
        return SquaredError.SumAndGradient(output, a, t, dz, 2f * scale) * scale;
    }
}
