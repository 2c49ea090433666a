using System.Numerics.Tensors;

namespace FastNet.Losses;

/// <summary>
/// bce after a sigmoid output: L = −Σ [t ln σ(z) + (1 − t) ln(1 − σ(z))] / (N·K), a mean, computed from z without
/// overflow; the fused gradient dz = (σ(z) − t) / (N·K) never divides by a or 1 − a.
/// </summary>
internal readonly struct BinaryCrossEntropy : ILossFunction
{
    public static bool IsSum => false;

    public static float Forward(Activation output, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> t,
        Span<float> dz, int batch, int outputs)
    {
        int length = dz.Length;
        float value = (float)(Sum(z, t) / length);
        TensorPrimitives.Subtract(a, t, dz);
        TensorPrimitives.Multiply(dz, 1f / length, dz);
        return value;
    }

    /// <summary>Σ max(z, 0) − z·t + ln(1 + e^−|z|): −[t ln σ(z) + (1 − t) ln(1 − σ(z))] without overflow.</summary>
    internal static double Sum(ReadOnlySpan<float> z, ReadOnlySpan<float> t)
    {
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double zi = z[i];
            sum += Math.Max(zi, 0) - zi * t[i] + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
        }
        return sum;
    }
}
