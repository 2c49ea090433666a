namespace FastNet.Data;

/// <summary>Datasets from arrays in memory: every overload copies its input, so later writes to it change nothing.</summary>
public sealed partial class Dataset
{
    /// <summary>Class-labelled samples: row i of <paramref name="features"/> (count×features) has class <paramref name="labels"/>[i] (0, 1, ...).</summary>
    /// <exception cref="ArgumentException">The arrays are empty or their lengths do not agree.</exception>
    /// <exception cref="FastNetException">A feature is not finite or a label is negative.</exception>
    public static Dataset From(float[,] features, int[] labels, string? description = null)
        => Labelled(Flatten(features, out int width), width, labels, description);

    /// <summary>Class-labelled samples: <paramref name="features"/>[i] (one array per sample, all of one length) has class <paramref name="labels"/>[i].</summary>
    /// <exception cref="ArgumentException">The arrays are empty, the rows differ in length, or the lengths do not agree.</exception>
    /// <exception cref="FastNetException">A feature is not finite or a label is negative.</exception>
    public static Dataset From(float[][] features, int[] labels, string? description = null)
        => Labelled(Flatten(features, out int width), width, labels, description);

    /// <summary>
    /// Samples labelled by name: the distinct names, in ordinal order, become classes 0, 1, ... (as scikit-learn's
    /// LabelEncoder numbers them) and are kept in <see cref="ClassNames"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays are empty, a name is null, or the lengths do not agree.</exception>
    /// <exception cref="FastNetException">A feature is not finite.</exception>
    public static Dataset From(float[,] features, string[] labels, string? description = null)
        => Named(Flatten(features, out int width), width, labels, description);

    /// <summary>Samples (one array per sample) labelled by name; see <see cref="From(float[,], string[], string?)"/>.</summary>
    /// <exception cref="ArgumentException">The arrays are empty, the rows differ in length, a name is null, or the lengths do not agree.</exception>
    /// <exception cref="FastNetException">A feature is not finite.</exception>
    public static Dataset From(float[][] features, string[] labels, string? description = null)
        => Named(Flatten(features, out int width), width, labels, description);

    /// <summary>Regression samples: row i of <paramref name="features"/> (count×features) has the targets of row i of <paramref name="targets"/> (count×targetWidth).</summary>
    /// <exception cref="ArgumentException">The arrays are empty or their row counts differ.</exception>
    /// <exception cref="FastNetException">A feature or target is not finite.</exception>
    public static Dataset From(float[,] features, float[,] targets, string? description = null)
        => Regression(Flatten(features, out int width), width, Flatten(targets, out int targetWidth, nameof(targets)), targetWidth, description);

    /// <summary>Regression samples, one array per sample: <paramref name="features"/>[i] has the targets <paramref name="targets"/>[i].</summary>
    /// <exception cref="ArgumentException">The arrays are empty, rows differ in length, or the counts differ.</exception>
    /// <exception cref="FastNetException">A feature or target is not finite.</exception>
    public static Dataset From(float[][] features, float[][] targets, string? description = null)
        => Regression(Flatten(features, out int width), width, Flatten(targets, out int targetWidth, nameof(targets)), targetWidth, description);

    private static Dataset Labelled(float[] x, int width, int[] labels, string? description)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckCount(labels.Length, x.Length / width, nameof(labels), "labels");
        return new Dataset(x, width, (int[])labels.Clone(), null, 0, description, classNames: null);
    }

    private static Dataset Regression(float[] x, int width, float[] t, int targetWidth, string? description)
    {
        CheckCount(t.Length / targetWidth, x.Length / width, "targets", "target rows");
        return new Dataset(x, width, null, t, targetWidth, description, classNames: null);
    }

    internal static Dataset Named(float[] x, int width, string[] labels, string? description)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckCount(labels.Length, x.Length / width, nameof(labels), "labels");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Length; i++)
            names.Add(labels[i] ?? throw new ArgumentException($"the label of sample {i} is null", nameof(labels)));
        string[] classNames = [.. names];
        var ids = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++) ids[i] = Array.BinarySearch(classNames, labels[i], StringComparer.Ordinal);
        return new Dataset(x, width, ids, null, 0, description, classNames);
    }

    // x (rows×columns) row-major, a copy of the matrix
    private static float[] Flatten(float[,] matrix, out int width, string name = "features")
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        int rows = matrix.GetLength(0);
        width = matrix.GetLength(1);
        if (rows == 0 || width == 0) throw new ArgumentException($"the {name} matrix is {rows}×{width}; it needs at least one row and one column", name);
        var x = new float[matrix.Length];
        Buffer.BlockCopy(matrix, 0, x, 0, x.Length * sizeof(float));
        return x;
    }

    // x (rows×width) row-major from one array per row, all of one length
    private static float[] Flatten(float[][] rows, out int width, string name = "features")
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Length == 0) throw new ArgumentException($"the {name} have no rows", name);
        width = rows[0]?.Length ?? throw new ArgumentException($"row 0 of the {name} is null", name);
        if (width == 0) throw new ArgumentException($"row 0 of the {name} is empty", name);
        var x = new float[(long)rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
        {
            float[] row = rows[i] ?? throw new ArgumentException($"row {i} of the {name} is null", name);
            if (row.Length != width) throw new ArgumentException($"row {i} of the {name} has {row.Length} values, row 0 has {width}", name);
            row.CopyTo(x, (long)i * width);
        }
        return x;
    }

    private static void CheckCount(int given, int samples, string name, string what)
    {
        if (given != samples) throw new ArgumentException($"{given} {what} for {samples} samples", name);
    }
}
