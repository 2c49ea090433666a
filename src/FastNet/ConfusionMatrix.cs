namespace FastNet;

/// <summary>Counts of (actual class, predicted class) pairs over a labelled dataset; rows are actual, columns predicted.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    internal ConfusionMatrix(int classes)
    {
        Classes = classes;
        _counts = new int[classes * classes];
    }

    /// <summary>The number of classes (2 for a single-output network).</summary>
    public int Classes { get; }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted]
    {
        get
        {
            if ((uint)actual >= (uint)Classes || (uint)predicted >= (uint)Classes)
                throw new ArgumentOutOfRangeException(nameof(actual), $"classes are 0 to {Classes - 1}");
            return _counts[actual * Classes + predicted];
        }
    }

    /// <summary>The number of samples counted.</summary>
    public int Total { get; private set; }

    /// <summary>The fraction on the diagonal (NaN when empty).</summary>
    public double Accuracy
    {
        get
        {
            int correct = 0;
            for (int k = 0; k < Classes; k++) correct += _counts[k * Classes + k];
            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>How many samples are of class <paramref name="actual"/> (its row's sum).</summary>
    public int Support(int actual)
    {
        int n = 0;
        for (int predicted = 0; predicted < Classes; predicted++) n += this[actual, predicted];
        return n;
    }

    /// <summary>How many samples were predicted as class <paramref name="predicted"/> (its column's sum).</summary>
    public int PredictedCount(int predicted)
    {
        int n = 0;
        for (int actual = 0; actual < Classes; actual++) n += this[actual, predicted];
        return n;
    }

    /// <summary>Precision of class k: tp / (tp + fp), the share of samples predicted as k that are k; 0 when none is predicted as k (scikit-learn's zero_division=0).</summary>
    public double Precision(int k) => Ratio(this[k, k], PredictedCount(k));

    /// <summary>Recall of class k: tp / (tp + fn), the share of samples of class k predicted as k; 0 when there is none.</summary>
    public double Recall(int k) => Ratio(this[k, k], Support(k));

    /// <summary>F1 of class k: 2·tp / (2·tp + fp + fn), the harmonic mean of precision and recall; 0 when tp + fp + fn = 0.</summary>
    public double F1(int k) => Ratio(2 * this[k, k], Support(k) + PredictedCount(k));

    /// <summary>The unweighted mean of <see cref="Precision"/> over the classes that occur as actual or predicted (scikit-learn's average="macro").</summary>
    public double MacroPrecision => Macro(Precision);

    /// <summary>The unweighted mean of <see cref="Recall"/> over the classes that occur as actual or predicted.</summary>
    public double MacroRecall => Macro(Recall);

    /// <summary>The unweighted mean of <see cref="F1"/> over the classes that occur as actual or predicted.</summary>
    public double MacroF1 => Macro(F1);

    // scikit-learn's labels default to the classes seen in y_true or y_pred; a class seen in neither is left out
    private double Macro(Func<int, double> metric)
    {
        double sum = 0;
        int present = 0;
        for (int k = 0; k < Classes; k++)
        {
            if (Support(k) + PredictedCount(k) == 0) continue;
            sum += metric(k);
            present++;
        }
        return present == 0 ? double.NaN : sum / present;
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    internal void Add(int actual, int predicted)
    {
        _counts[actual * Classes + predicted]++;
        Total++;
    }
}
