using System.Numerics.Tensors;

namespace FastNet.Data;

/// <summary>
/// A z-score transform of the input features, x′ = (x − mean) / std per feature, fitted on training data and stored
/// with a model so it applies to raw inputs. A constant feature gets std 1 (as scikit-learn's StandardScaler does), so
/// it maps to 0 instead of dividing by zero. Immutable.
/// </summary>
public sealed class Standardization
{
    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>Makes a transform from per-feature means and standard deviations (copied).</summary>
    /// <exception cref="FastNetException">The lengths differ or are 0, a mean is not finite, or a std is not positive and finite.</exception>
    public Standardization(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length == 0 || mean.Length != std.Length)
            throw new FastNetException($"a standardisation needs one mean and one std per feature, not {mean.Length} and {std.Length}");
        for (int j = 0; j < mean.Length; j++)
        {
            if (!float.IsFinite(mean[j])) throw new FastNetException($"the mean of feature {j} is {mean[j]}, not a finite number");
            if (!(std[j] > 0f) || !float.IsFinite(std[j])) throw new FastNetException($"the std of feature {j} is {std[j]}, not a positive finite number");
        }
        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    /// <summary>The number of features.</summary>
    public int Features => _mean.Length;

    /// <summary>The mean of each feature.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>The standard deviation of each feature (population, 1/N; 1 for a constant feature).</summary>
    public ReadOnlySpan<float> Std => _std;

    /// <summary>Fits the transform on <paramref name="data"/>'s features (mean and population std, accumulated in double).</summary>
    public static Standardization Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int width = data.FeatureCount, count = data.Count;
        var sum = new double[width];
        ReadOnlySpan<float> x = data.Features;
        for (int i = 0; i < count; i++)
            for (int j = 0; j < width; j++) sum[j] += x[i * width + j];
        var mean = new float[width];
        var std = new float[width];
        for (int j = 0; j < width; j++)
        {
            double m = sum[j] / count, squares = 0;
            for (int i = 0; i < count; i++)
            {
                double d = x[i * width + j] - m;
                squares += d * d;
            }
            double s = Math.Sqrt(squares / count);
            mean[j] = (float)m;
            std[j] = s > 1e-12 * Math.Max(1, Math.Abs(m)) && (float)s > 0f ? (float)s : 1f;
        }
        return new Standardization(mean, std);
    }

    /// <summary>x′ (rows×features) = (x (rows×features) − mean) / std, row by row. Allocates nothing; x′ may be x.</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> standardized)
    {
        int width = _mean.Length;
        if (x.Length % width != 0 || standardized.Length < x.Length)
            throw new FastNetException($"{x.Length} values are not whole rows of {width} features, or the destination ({standardized.Length}) is too short");
        for (int start = 0; start < x.Length; start += width)
        {
            Span<float> row = standardized.Slice(start, width);
            TensorPrimitives.Subtract(x.Slice(start, width), _mean, row);
            TensorPrimitives.Divide(row, _std, row);
        }
    }

    /// <summary>A copy of <paramref name="data"/> with standardised features (same labels or targets).</summary>
    internal Dataset Apply(Dataset data)
    {
        var features = new float[data.Features.Length];
        Apply(data.Features, features);
        return data.WithFeatures(features);
    }
}
