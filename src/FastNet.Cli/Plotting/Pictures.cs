using FastNet.Data;
using FastNet.Serialization;
using FastNet.Training;
using ScottPlot;

namespace FastNet.Cli.Plotting;

/// <summary>PNG pictures of 2-D data and of a network's output over the plane, as in the seed tutorial.</summary>
internal static class Pictures
{
    private const int Width = 800, Height = 640;
    private static readonly Color[] ClassColors =
        [new Color(31, 119, 180), new Color(44, 160, 44), Colors.OrangeRed, Colors.Purple, Colors.Gold, Colors.Teal, Colors.Brown];

    /// <summary>The points coloured by label (label 0 blue, label 1 green, as in the seed).</summary>
    public static void SaveData(Dataset data, string path, string title)
    {
        Plot plot = NewPlot(title);
        AddPoints(plot, data);
        Save(plot, path);
    }

    /// <summary>The network's output (first output, or the predicted class for several) over the data's extent, points on top.</summary>
    /// <param name="network">The model; it must take 2 inputs.</param>
    /// <param name="data">The points drawn on top; their extent sets the picture's.</param>
    /// <param name="path">The PNG to write.</param>
    /// <param name="title">The picture's title.</param>
    /// <remarks>The plane's points are raw inputs: the network applies its own standardisation, if any.</remarks>
    public static void SaveDecisionBoundary(Network network, Dataset data, string path, string title)
    {
        if (network.Inputs != 2) throw new FastNetException($"a decision boundary needs a network with 2 inputs, not {network.Inputs}");
        (double left, double right, double bottom, double top) = Extent(data);
        const int cells = 200;
        var grid = new float[cells * cells * 2];
        for (int row = 0; row < cells; row++)
            for (int col = 0; col < cells; col++)
            {
                int i = row * cells + col;
                grid[2 * i] = (float)(left + (right - left) * (col + 0.5) / cells);
                grid[2 * i + 1] = (float)(top - (top - bottom) * (row + 0.5) / cells);
            }
        float[] outputs = network.Predict(grid);
        var intensities = new double[cells, cells];
        for (int row = 0; row < cells; row++)
            for (int col = 0; col < cells; col++)
                intensities[row, col] = Surface(outputs.AsSpan((row * cells + col) * network.Outputs, network.Outputs));

        Plot plot = NewPlot(title);
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Extent = new CoordinateRect(left, right, bottom, top);
        if (network.Outputs == 1)
        {
            // one output: blue (label 0) through white (0.5) to green (label 1), as in the seed
            heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([new Color(189, 215, 238), Colors.White, new Color(199, 233, 192)]);
            if (network.Layers[^1].Activation == Activation.Sigmoid) heatmap.ManualRange = new ScottPlot.Range(0, 1);
        }
        else
        {
            // several outputs: each predicted class in a light version of its points' colour
            var light = new Color[network.Outputs];
            for (int k = 0; k < light.Length; k++) light[k] = Lighten(ClassColors[k % ClassColors.Length]);
            heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated(light);
            heatmap.ManualRange = new ScottPlot.Range(0, network.Outputs - 1);
        }
        plot.Add.ColorBar(heatmap).Label = network.Outputs == 1 ? "network output" : "predicted class";
        AddPoints(plot, data);
        plot.Axes.SetLimits(left, right, bottom, top);
        Save(plot, path);
    }

    /// <summary>The training loss (and validation loss) per epoch, with the accuracies on a second axis when recorded.</summary>
    public static void SaveCurves(TrainingCurves curves, string path, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss");
        AddCurve(plot, curves, curves.Loss, "training loss", ClassColors[0], dashed: false, rightAxis: false);
        AddCurve(plot, curves, curves.ValidationLoss, "validation loss", Colors.OrangeRed, dashed: false, rightAxis: false);
        AddCurve(plot, curves, curves.Accuracy, "training accuracy (right axis)", ClassColors[0], dashed: true, rightAxis: true);
        AddCurve(plot, curves, curves.ValidationAccuracy, "validation accuracy (right axis)", Colors.OrangeRed, dashed: true, rightAxis: true);
        if (curves.Accuracy is not null || curves.ValidationAccuracy is not null) plot.Axes.Right.Label.Text = "accuracy";
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    /// <summary>The range test's loss (raw and smoothed) against log₁₀ of the rate, with the suggested rate marked.</summary>
    public static void SaveLearningRateRange(LearningRateRange range, string path, string title)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("log₁₀ learning rate");
        plot.YLabel("loss");
        var rates = new double[range.Rates.Count];
        for (int i = 0; i < rates.Length; i++) rates[i] = Math.Log10(range.Rates[i]);
        var raw = plot.Add.ScatterLine(rates, range.Losses.ToArray(), Lighten(ClassColors[0]));
        raw.LegendText = "batch loss";
        var smooth = plot.Add.ScatterLine(rates, range.SmoothedLosses.ToArray(), ClassColors[0]);
        smooth.LegendText = "smoothed loss";
        smooth.LineWidth = 2;
        var suggested = plot.Add.VerticalLine(Math.Log10(range.SuggestedRate), 2, Colors.OrangeRed);
        suggested.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"suggested {range.SuggestedRate:G3}");
        suggested.LinePattern = LinePattern.Dashed;
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    private static void AddCurve(Plot plot, TrainingCurves curves, double[]? values, string label, Color color, bool dashed, bool rightAxis)
    {
        if (values is null) return;
        (double[] xs, double[] ys) = curves.Recorded(values);
        if (xs.Length == 0) return;
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        if (xs.Length == 1)
        {
            line.MarkerShape = MarkerShape.FilledCircle;
            line.MarkerSize = 6;
        }
        if (dashed) line.LinePattern = LinePattern.Dashed;
        if (rightAxis) line.Axes.YAxis = plot.Axes.Right;
    }

    private static Color Lighten(Color color) =>
        new((byte)(color.R + (255 - color.R) * 0.7), (byte)(color.G + (255 - color.G) * 0.7), (byte)(color.B + (255 - color.B) * 0.7));

    private static double Surface(ReadOnlySpan<float> output)
    {
        if (output.Length == 1) return output[0];
        int best = 0;
        for (int k = 1; k < output.Length; k++) if (output[k] > output[best]) best = k;
        return best;
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("x₁");
        plot.YLabel("x₂");
        return plot;
    }

    private static void AddPoints(Plot plot, Dataset data)
    {
        if (data.FeatureCount < 2) throw new FastNetException($"a scatter picture needs at least 2 features, not {data.FeatureCount}");
        int classes = data.HasLabels ? data.ClassCount : 1;
        for (int c = 0; c < classes; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < data.Count; i++)
            {
                if (data.HasLabels && data.Labels[i] != c) continue;
                xs.Add(data.Row(i)[0]);
                ys.Add(data.Row(i)[1]);
            }
            if (xs.Count == 0) continue;
            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), ClassColors[c % ClassColors.Length]);
            points.MarkerSize = 8;
            points.MarkerShape = MarkerShape.FilledCircle;
            points.MarkerLineColor = Colors.Black;
            points.MarkerLineWidth = 1;
            points.LegendText = data.HasLabels ? $"label {c}" : "samples";
        }
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static (double Left, double Right, double Bottom, double Top) Extent(Dataset data)
    {
        double left = double.MaxValue, right = double.MinValue, bottom = double.MaxValue, top = double.MinValue;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> row = data.Row(i);
            left = Math.Min(left, row[0]); right = Math.Max(right, row[0]);
            bottom = Math.Min(bottom, row[1]); top = Math.Max(top, row[1]);
        }
        double padX = Math.Max(0.25, 0.1 * (right - left)), padY = Math.Max(0.25, 0.1 * (top - bottom));
        return (left - padX, right + padX, bottom - padY, top + padY);
    }

    private static void Save(Plot plot, string path)
    {
        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
