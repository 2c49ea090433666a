using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Data;

/// <summary>
/// The dataset JSON format: <c>{"description": "...", "features": [[f1, f2, ...], ...], "labels": [0, 1, ...]}</c>, or
/// <c>"targets": [[t1, ...], ...]</c> instead of labels for regression. Unknown fields are ignored.
/// </summary>
internal static class DatasetJson
{
    /// <summary>The most samples a dataset file may hold; more is refused as absurd.</summary>
    public const int MaxSamples = 100_000_000;

    public static Dataset Read(string file)
    {
        using JsonDocument document = JsonInput.Parse(file);
        return Read(file, document.RootElement);
    }

    public static Dataset Read(string file, JsonElement root)
    {
        JsonInput.Object(file, root, "$");
        string? description = JsonInput.Optional(root, "description") is { } d ? JsonInput.String(file, d, "$.description") : null;
        JsonElement features = JsonInput.Required(file, root, "$", "features");
        int count = JsonInput.ArrayLength(file, features, "$.features");
        if (count == 0) throw new FastNetFormatException(file, "$.features", "has no samples");
        if (count > MaxSamples) throw new FastNetFormatException(file, "$.features", $"has {count} samples, more than {MaxSamples}");
        int width = -1;
        float[]? x = null;
        int i = 0;
        foreach (JsonElement row in features.EnumerateArray())
        {
            string path = $"$.features[{i}]";
            if (width < 0)
            {
                width = JsonInput.ArrayLength(file, row, path);
                if (width == 0) throw new FastNetFormatException(file, path, "has no features");
                x = new float[(long)count * width];
            }
            JsonInput.FloatRow(file, row, path, width, x.AsSpan(i * width, width));
            i++;
        }

        JsonElement? labels = JsonInput.Optional(root, "labels");
        JsonElement? targets = JsonInput.Optional(root, "targets");
        if (labels is not null && targets is not null)
            throw new FastNetFormatException(file, "$", "has both \"labels\" and \"targets\"; give one");
        if (labels is { } l)
        {
            int n = JsonInput.ArrayLength(file, l, "$.labels");
            if (n != count) throw new FastNetFormatException(file, "$.labels", $"has {n} labels for {count} samples");
            var y = new int[count];
            int j = 0;
            foreach (JsonElement item in l.EnumerateArray())
            {
                y[j] = JsonInput.Int(file, item, $"$.labels[{j}]", 0, 1 << 20);
                j++;
            }
            return new Dataset(x!, width, labels: y, description: description);
        }
        if (targets is { } t)
        {
            int n = JsonInput.ArrayLength(file, t, "$.targets");
            if (n != count) throw new FastNetFormatException(file, "$.targets", $"has {n} rows for {count} samples");
            int targetWidth = -1;
            float[]? y = null;
            int j = 0;
            foreach (JsonElement row in t.EnumerateArray())
            {
                string path = $"$.targets[{j}]";
                if (targetWidth < 0)
                {
                    targetWidth = JsonInput.ArrayLength(file, row, path);
                    if (targetWidth == 0) throw new FastNetFormatException(file, path, "has no targets");
                    y = new float[(long)count * targetWidth];
                }
                JsonInput.FloatRow(file, row, path, targetWidth, y.AsSpan(j * targetWidth, targetWidth));
                j++;
            }
            return new Dataset(x!, width, targets: y, targetWidth: targetWidth, description: description);
        }
        throw new FastNetFormatException(file, "$", "missing \"labels\" (classification) or \"targets\" (regression)");
    }

    public static void Write(Dataset data, string file) => AtomicFile.Write(file, stream =>
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        if (data.Description is { } description) json.WriteString("description", description);
        WriteRows(json, "features", data.Features, data.FeatureCount);
        if (data.HasLabels)
        {
            json.WriteStartArray("labels");
            foreach (int label in data.Labels) json.WriteNumberValue(label);
            json.WriteEndArray();
        }
        else
        {
            WriteRows(json, "targets", data.Targets, data.TargetWidth);
        }
        json.WriteEndObject();
    });

    private static void WriteRows(Utf8JsonWriter json, string name, ReadOnlySpan<float> values, int width)
    {
        json.WriteStartArray(name);
        for (int i = 0; i < values.Length; i += width)
        {
            json.WriteStartArray();
            foreach (float v in values.Slice(i, width)) json.WriteNumberValue(v);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}
