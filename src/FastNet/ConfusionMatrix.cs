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

    internal void Add(int actual, int predicted)
    {
        _counts[actual * Classes + predicted]++;
        Total++;
    }
}
