using FastNet.Data;
using FastNet.Serialization;
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
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([new Color(189, 215, 238), Colors.White, new Color(199, 233, 192)]);
        plot.Add.ColorBar(heatmap).Label = network.Outputs == 1 ? "network output" : "predicted class";
        AddPoints(plot, data);
        plot.Axes.SetLimits(left, right, bottom, top);
        Save(plot, path);
    }

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
