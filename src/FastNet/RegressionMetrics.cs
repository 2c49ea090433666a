namespace FastNet;

/// <summary>
/// How close a network's outputs come to real-valued targets, as scikit-learn defines the metrics with its default
/// <c>multioutput="uniform_average"</c>: each metric is computed per output column, then averaged over the columns.
/// </summary>
/// <param name="MeanSquaredError">MSE = mean over samples of (y − t)² (sklearn's mean_squared_error).</param>
/// <param name="RootMeanSquaredError">RMSE = √MSE per column, then averaged (sklearn's mean_squared_error(squared=False)).</param>
/// <param name="MeanAbsoluteError">MAE = mean over samples of |y − t| (sklearn's mean_absolute_error).</param>
/// <param name="R2">
/// R² = 1 − Σ(t − y)² / Σ(t − t̄)² (sklearn's r2_score); for a column whose targets are all equal, 1 when it is
/// predicted exactly and 0 otherwise (sklearn's force_finite=True).
/// </param>
public sealed record RegressionMetrics(double MeanSquaredError, double RootMeanSquaredError, double MeanAbsoluteError, double R2)
{
    /// <summary>The metrics of outputs <paramref name="y"/> against targets <paramref name="t"/>, both samples×<paramref name="outputs"/> row-major.</summary>
    /// <exception cref="FastNetException">The spans differ in length, are empty, or are not whole rows.</exception>
    public static RegressionMetrics Compute(ReadOnlySpan<float> y, ReadOnlySpan<float> t, int outputs)
    {
        if (outputs < 1 || t.IsEmpty || t.Length % outputs != 0 || y.Length != t.Length)
            throw new FastNetException($"regression metrics need outputs and targets of equal, whole rows of {outputs} values, not {y.Length} and {t.Length}");
        int count = t.Length / outputs;
        double mse = 0, rmse = 0, mae = 0, r2 = 0;
        for (int j = 0; j < outputs; j++)
        {
            double mean = 0;
            for (int i = 0; i < count; i++) mean += t[i * outputs + j];
            mean /= count;
            double squared = 0, absolute = 0, total = 0;
            for (int i = 0; i < count; i++)
            {
                double target = t[i * outputs + j], e = y[i * outputs + j] - target, d = target - mean;
                squared += e * e;
                absolute += Math.Abs(e);
                total += d * d;
            }
            mse += squared / count;
            rmse += Math.Sqrt(squared / count);
            mae += absolute / count;
            r2 += total != 0 ? 1 - squared / total : squared == 0 ? 1 : 0;
        }
        return new RegressionMetrics(mse / outputs, rmse / outputs, mae / outputs, r2 / outputs);
    }
}
