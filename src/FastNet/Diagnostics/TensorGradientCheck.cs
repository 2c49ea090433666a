namespace FastNet.Diagnostics;

/// <summary>The verdict on one gradient tensor: a layer's weights or bias, the input, or a user-supplied point.</summary>
public sealed class TensorGradientCheck
{
    internal TensorGradientCheck(string name, GradientTensorKind kind, int layer, int rows, int columns, int @checked, int skipped,
        double scale, GradientDifference largestAbsoluteError, GradientDifference largestRelativeError, GradientDifference worst,
        GradientDifference[] worstCoordinates)
    {
        WorstCoordinates = worstCoordinates;
        Scale = scale;
        Name = name;
        Kind = kind;
        Layer = layer;
        Rows = rows;
        Columns = columns;
        Checked = @checked;
        Skipped = skipped;
        LargestAbsoluteError = largestAbsoluteError;
        LargestRelativeError = largestRelativeError;
        Worst = worst;
    }

    /// <summary>A readable name: <c>layer 0 weights</c>, <c>layer 1 bias</c>, <c>input</c> or <c>point</c>.</summary>
    public string Name { get; }

    /// <summary>What the tensor is the gradient of.</summary>
    public GradientTensorKind Kind { get; }

    /// <summary>The layer the tensor belongs to; −1 for the input and for a user-supplied point.</summary>
    public int Layer { get; }

    /// <summary>The tensor's rows: a layer's inputs for weights, 1 for a bias or a point, the samples for the input.</summary>
    public int Rows { get; }

    /// <summary>The tensor's columns (row-major): the units for weights and bias, the features for the input.</summary>
    public int Columns { get; }

    /// <summary>The number of coordinates, <see cref="Rows"/>·<see cref="Columns"/>.</summary>
    public int Length => Rows * Columns;

    /// <summary>The number of coordinates compared: all of them, or the sample the options ask for, less <see cref="Skipped"/>.</summary>
    public int Checked { get; }

    /// <summary>
    /// Coordinates left out of the verdict because the two points of the central difference put a relu unit on different
    /// sides of its kink for some sample, so the quotient is not a derivative (see docs/gradient-checking.md).
    /// </summary>
    public int Skipped { get; }

    /// <summary>
    /// S, the largest |numeric| compared in this tensor; <see cref="GradientCheckOptions.AbsoluteTolerance"/> is a fraction
    /// of it, so the verdict does not change when the loss is multiplied by a constant.
    /// </summary>
    public double Scale { get; }

    /// <summary>The compared coordinate with the largest |analytic − numeric|.</summary>
    public GradientDifference LargestAbsoluteError { get; }

    /// <summary>The compared coordinate with the largest |analytic − numeric| / max(|analytic|, |numeric|).</summary>
    public GradientDifference LargestRelativeError { get; }

    /// <summary>The compared coordinate with the largest error relative to its tolerance: the one that decides the verdict.</summary>
    public GradientDifference Worst { get; }

    /// <summary>
    /// The compared coordinates with the largest errors relative to their tolerance, worst first: up to
    /// <see cref="WorstCount"/> of them (<see cref="Worst"/> is the first).
    /// </summary>
    public IReadOnlyList<GradientDifference> WorstCoordinates { get; }

    /// <summary>How many coordinates <see cref="WorstCoordinates"/> keeps per tensor.</summary>
    public const int WorstCount = 5;

    /// <summary>Whether every compared coordinate is within its tolerance.</summary>
    public bool Passed => Worst.Index < 0 || Worst.Passed;

    /// <summary>One line: the name, the verdict, and the worst coordinate with its analytic and numeric values.</summary>
    public override string ToString()
    {
        if (Worst.Index < 0) return $"{Name}: nothing compared ({Skipped} skipped)";
        (int row, int column) = Position(Worst.Index);
        return $"{Name}: {(Passed ? "passed" : "FAILED")}, worst [{row},{column}] analytic {Worst.Analytic:G9} numeric {Worst.Numeric:G9} " +
            $"error {Worst.AbsoluteError:G3} (tolerance {Worst.Tolerance:G3}), largest relative error {LargestRelativeError.RelativeError:G3}, " +
            $"{Checked} compared, {Skipped} skipped";
    }

    /// <summary><paramref name="index"/> as (row, column) of this tensor.</summary>
    public (int Row, int Column) Position(int index) => (index / Columns, index % Columns);

    /// <summary>
    /// Summarises the coordinates <paramref name="indices"/> whose numeric gradients are <paramref name="numeric"/> (same
    /// order; <paramref name="skipped"/> marks those left out) against the full analytic tensor.
    /// </summary>
    internal static TensorGradientCheck Summarize(string name, GradientTensorKind kind, int layer, int rows, int columns,
        ReadOnlySpan<int> indices, ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric, ReadOnlySpan<bool> skipped,
        double checkScale, GradientCheckOptions options)
    {
        double scale = LargestMagnitude(numeric, skipped);
        var none = new GradientDifference(-1, 0, 0, 0);
        GradientDifference largestAbsolute = none, largestRelative = none, worst = none;
        var top = new List<GradientDifference>(WorstCount + 1);
        int compared = 0, left = 0;
        for (int c = 0; c < indices.Length; c++)
        {
            if (skipped[c])
            {
                left++;
                continue;
            }
            int index = indices[c];
            double tolerance = options.RelativeTolerance * Math.Abs(numeric[c]) + options.AbsoluteTolerance * scale + options.FloorTolerance * checkScale;
            var difference = new GradientDifference(index, analytic[index], numeric[c], tolerance);
            if (compared == 0 || Exceeds(difference.AbsoluteError, largestAbsolute.AbsoluteError)) largestAbsolute = difference;
            if (compared == 0 || Exceeds(difference.RelativeError, largestRelative.RelativeError)) largestRelative = difference;
            if (compared == 0 || Exceeds(difference.ErrorRatio, worst.ErrorRatio)) worst = difference;
            Keep(top, difference);
            compared++;
        }
        return new TensorGradientCheck(name, kind, layer, rows, columns, compared, left, scale, largestAbsolute, largestRelative, worst, [.. top]);
    }

    // inserts d into the list of the WorstCount largest error ratios, kept in descending order (first of equals stays first)
    private static void Keep(List<GradientDifference> top, GradientDifference d)
    {
        int at = top.Count;
        while (at > 0 && Exceeds(d.ErrorRatio, top[at - 1].ErrorRatio)) at--;
        if (at >= WorstCount) return;
        top.Insert(at, d);
        if (top.Count > WorstCount) top.RemoveAt(WorstCount);
    }

    /// <summary>The largest finite |numeric| not skipped; 0 when there is none.</summary>
    internal static double LargestMagnitude(ReadOnlySpan<double> numeric, ReadOnlySpan<bool> skipped)
    {
        double scale = 0;
        for (int c = 0; c < numeric.Length; c++)
            if (!skipped[c] && double.IsFinite(numeric[c])) scale = Math.Max(scale, Math.Abs(numeric[c]));
        return scale;
    }

    // a > b, with NaN (a non-finite analytic gradient) above everything
    private static bool Exceeds(double a, double b) => double.IsNaN(b) ? false : double.IsNaN(a) || a > b;
}
