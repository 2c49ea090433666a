using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Cli.Plotting;

/// <summary>
/// Per-epoch numbers read from a training history file, tolerantly: an object with an <c>"epochs"</c> array of objects
/// with <c>"epoch"</c> and <c>"loss"</c>, and optionally <c>"validationLoss"</c> and <c>"accuracy"</c> (null or missing
/// means not recorded). Other fields are ignored.
/// </summary>
internal sealed class TrainingCurves
{
    public required double[] Epochs { get; init; }
    public required double[] Loss { get; init; }

    /// <summary>The validation loss per epoch (NaN where not recorded), or null when no epoch has one.</summary>
    public double[]? ValidationLoss { get; init; }

    /// <summary>The accuracy per epoch (NaN where not recorded), or null when no epoch has one.</summary>
    public double[]? Accuracy { get; init; }

    public static TrainingCurves Read(string file)
    {
        using JsonDocument document = JsonInput.Parse(file);
        JsonElement root = JsonInput.Object(file, document.RootElement, "$");
        JsonElement epochs = JsonInput.Required(file, root, "$", "epochs");
        int count = JsonInput.ArrayLength(file, epochs, "$.epochs");
        if (count == 0) throw new FastNetFormatException(file, "$.epochs", "has no epochs");
        var epoch = new double[count];
        var loss = new double[count];
        var validation = new double[count];
        var accuracy = new double[count];
        bool anyValidation = false, anyAccuracy = false;
        int i = 0;
        foreach (JsonElement item in epochs.EnumerateArray())
        {
            string path = $"$.epochs[{i}]";
            JsonInput.Object(file, item, path);
            epoch[i] = JsonInput.Optional(item, "epoch") is { } e ? JsonInput.Int(file, e, path + ".epoch", 0, int.MaxValue) : i + 1;
            loss[i] = JsonInput.Float(file, JsonInput.Required(file, item, path, "loss"), path + ".loss");
            validation[i] = OptionalNumber(file, item, path, "validationLoss", ref anyValidation);
            accuracy[i] = OptionalNumber(file, item, path, "accuracy", ref anyAccuracy);
            i++;
        }
        return new TrainingCurves
        {
            Epochs = epoch,
            Loss = loss,
            ValidationLoss = anyValidation ? validation : null,
            Accuracy = anyAccuracy ? accuracy : null,
        };
    }

    private static double OptionalNumber(string file, JsonElement item, string path, string name, ref bool any)
    {
        if (JsonInput.Optional(item, name) is not { } value || value.ValueKind == JsonValueKind.Null) return double.NaN;
        any = true;
        return JsonInput.Float(file, value, $"{path}.{name}");
    }
}
