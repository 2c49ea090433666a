using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Data;

/// <summary>
/// The dataset JSON format: <c>{"description": "...", "features": [[f1, f2, ...], ...], "labels": [0, 1, ...]}</c>, or
/// <c>"targets": [[t1, ...], ...]</c> instead of labels for regression; optionally <c>"classes": ["name of 0", "name of 1",
/// ...]</c> names the classes and <c>"weights": [w1, ...]</c> (one per sample, ≥ 0) weights the samples. Unknown fields
/// are ignored.
/// </summary>
internal static class DatasetJson
{
    /// <summary>The most samples a dataset file may hold; more is refused as absurd.</summary>
    public const int MaxSamples = 100_000_000;

    public static Dataset Read(string file) => Read(file, JsonInput.ReadBytes(file));

    public static Dataset Read(Stream stream) => Read(JsonInput.StreamName, JsonInput.ReadBytes(stream));

    /// <summary>Parses the bytes of a dataset file; <paramref name="file"/> names it in messages.</summary>
    public static Dataset Read(string file, ReadOnlyMemory<byte> bytes)
    {
        using JsonDocument document = JsonInput.Parse(file, bytes);
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
        JsonElement? labels = JsonInput.Optional(root, "labels");
        JsonElement? targets = JsonInput.Optional(root, "targets");
        if (labels is not null && targets is not null)
            throw new FastNetFormatException(file, "$", "has both \"labels\" and \"targets\"; give one");
        if (labels is null && targets is null)
            throw new FastNetFormatException(file, "$", "missing \"labels\" (classification) or \"targets\" (regression)");

        // Every size is checked against the arrays really present before anything is allocated.
        (_, int width) = JsonInput.Matrix(file, features, "$.features", "features");
        int[]? y = null;
        float[]? t = null;
        int targetWidth = 0;
        if (labels is { } l)
        {
            int n = JsonInput.ArrayLength(file, l, "$.labels");
            if (n != count) throw new FastNetFormatException(file, "$.labels", $"has {n} labels for {count} samples");
            y = new int[count];
            int j = 0;
            foreach (JsonElement item in l.EnumerateArray())
            {
                y[j] = JsonInput.Label(file, item, $"$.labels[{j}]");
                j++;
            }
        }
        else
        {
            (int n, targetWidth) = JsonInput.Matrix(file, targets!.Value, "$.targets", "targets");
            if (n != count) throw new FastNetFormatException(file, "$.targets", $"has {n} rows for {count} samples");
            t = ReadRows(file, targets.Value, "$.targets", count, targetWidth);
        }
        float[]? w = null;
        if (JsonInput.Optional(root, "weights") is { } weights)
        {
            int n = JsonInput.ArrayLength(file, weights, "$.weights");
            if (n != count) throw new FastNetFormatException(file, "$.weights", $"has {n} weights for {count} samples");
            w = new float[count];
            JsonInput.FloatRow(file, weights, "$.weights", count, w);
            for (int i = 0; i < count; i++)
                if (!(w[i] >= 0)) throw new FastNetFormatException(file, $"$.weights[{i}]", $"is {w[i]}; a weight must be ≥ 0");
        }
        string[]? classes = null;
        if (JsonInput.Optional(root, "classes") is { } c)
        {
            if (y is null) throw new FastNetFormatException(file, "$.classes", "names classes, but the data has regression targets");
            int n = JsonInput.ArrayLength(file, c, "$.classes");
            if (n > 1 << 20) throw new FastNetFormatException(file, "$.classes", $"has {n} names, more than {1 << 20}");
            classes = new string[n];
            int j = 0;
            foreach (JsonElement item in c.EnumerateArray())
            {
                classes[j] = JsonInput.String(file, item, $"$.classes[{j}]");
                j++;
            }
        }
        float[] x = ReadRows(file, features, "$.features", count, width);
        try
        {
            return new Dataset(x, width, y, t, targetWidth, description, classes, w) { Source = file };
        }
        catch (FastNetException e) when (e is not FastNetFormatException)
        {
            throw new FastNetFormatException(file, "$", e.Message);
        }
    }

    /// <summary>
    /// The features of a dataset file for a model with <paramref name="featureCount"/> inputs; labels and targets may be
    /// absent (and are not read).
    /// </summary>
    public static float[] ReadFeatures(string file, ReadOnlyMemory<byte> bytes, int featureCount)
    {
        using JsonDocument document = JsonInput.Parse(file, bytes);
        JsonElement root = JsonInput.Object(file, document.RootElement, "$");
        JsonElement features = JsonInput.Required(file, root, "$", "features");
        int count = JsonInput.ArrayLength(file, features, "$.features");
        if (count == 0) throw new FastNetFormatException(file, "$.features", "has no samples");
        if (count > MaxSamples) throw new FastNetFormatException(file, "$.features", $"has {count} samples, more than {MaxSamples}");
        (_, int width) = JsonInput.Matrix(file, features, "$.features", "features");
        if (width != featureCount)
            throw new FastNetFormatException(file, "$.features[0]", $"has {width} features per sample but the model takes {featureCount}");
        return ReadRows(file, features, "$.features", count, width);
    }

    // rows (count×width), already checked by JsonInput.Matrix
    private static float[] ReadRows(string file, JsonElement rows, string path, int count, int width)
    {
        var values = new float[(long)count * width];
        int i = 0;
        foreach (JsonElement row in rows.EnumerateArray())
        {
            JsonInput.FloatRow(file, row, $"{path}[{i}]", width, values.AsSpan(i * width, width));
            i++;
        }
        return values;
    }

    public static void Write(Dataset data, string file) => AtomicFile.Write(file, stream => Write(data, stream));

    public static void Write(Dataset data, Stream stream)
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
            if (data.ClassNames is { } names)
            {
                json.WriteStartArray("classes");
                foreach (string name in names) json.WriteStringValue(name);
                json.WriteEndArray();
            }
        }
        else
        {
            WriteRows(json, "targets", data.Targets, data.TargetWidth);
        }
        if (data.HasWeights)
        {
            json.WriteStartArray("weights");
            foreach (float v in data.Weights) json.WriteNumberValue(v);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

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
