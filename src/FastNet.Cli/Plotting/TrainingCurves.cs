using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Cli.Plotting;

/// <summary>
/// Per-epoch numbers read from a training history file, tolerantly: an object with an <c>"epochs"</c> array of objects
/// with <c>"epoch"</c> and <c>"loss"</c>, and optionally <c>"validationLoss"</c>, <c>"accuracy"</c> and
/// <c>"validationAccuracy"</c>. A value that is null or missing was not recorded (NaN here); other fields are ignored.
/// </summary>
internal sealed class TrainingCurves
{
    public required double[] Epochs { get; init; }
    public required double[] Loss { get; init; }

    /// <summary>The validation loss per epoch (NaN where not recorded), or null when no epoch has one.</summary>
    public double[]? ValidationLoss { get; init; }

    /// <summary>The training accuracy per epoch (NaN where not recorded), or null when no epoch has one.</summary>
    public double[]? Accuracy { get; init; }

    /// <summary>The validation accuracy per epoch (NaN where not recorded), or null when no epoch has one.</summary>
    public double[]? ValidationAccuracy { get; init; }

    public static TrainingCurves Read(string file)
    {
        using JsonDocument document = JsonInput.Parse(file);
        JsonElement root = JsonInput.Object(file, document.RootElement, "$");
        JsonElement epochs = JsonInput.Required(file, root, "$", "epochs");
        int count = JsonInput.ArrayLength(file, epochs, "$.epochs");
        if (count == 0) throw new FastNetFormatException(file, "$.epochs", "has no epochs");
        var epoch = new double[count];
        var columns = new[] { "loss", "validationLoss", "accuracy", "validationAccuracy" };
        var values = new double[columns.Length][];
        var any = new bool[columns.Length];
        for (int c = 0; c < columns.Length; c++) values[c] = new double[count];
        int i = 0;
        foreach (JsonElement item in epochs.EnumerateArray())
        {
            string path = $"$.epochs[{i}]";
            JsonInput.Object(file, item, path);
            epoch[i] = JsonInput.Optional(item, "epoch") is { } e ? JsonInput.Int(file, e, path + ".epoch", 0, int.MaxValue) : i + 1;
            for (int c = 0; c < columns.Length; c++)
            {
                JsonElement? value = JsonInput.Optional(item, columns[c]);
                if (value is not { } v || v.ValueKind == JsonValueKind.Null)
                {
                    values[c][i] = double.NaN;
                    continue;
                }
                values[c][i] = JsonInput.Float(file, v, $"{path}.{columns[c]}");
                any[c] = true;
            }
            i++;
        }
        if (!any[0]) throw new FastNetFormatException(file, "$.epochs", "has no epoch with a \"loss\"");
        return new TrainingCurves
        {
            Epochs = epoch,
            Loss = values[0],
            ValidationLoss = any[1] ? values[1] : null,
            Accuracy = any[2] ? values[2] : null,
            ValidationAccuracy = any[3] ? values[3] : null,
        };
    }

    /// <summary>The (epoch, value) points of <paramref name="values"/> that were recorded (not NaN).</summary>
    public (double[] Epochs, double[] Values) Recorded(double[] values)
    {
        var xs = new List<double>(values.Length);
        var ys = new List<double>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) continue;
            xs.Add(Epochs[i]);
            ys.Add(values[i]);
        }
        return (xs.ToArray(), ys.ToArray());
    }
}
