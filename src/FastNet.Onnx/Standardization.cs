using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Onnx;

/// <summary>
/// Per-feature input standardisation applied before the first layer: x′ = (x − mean) / std. A model file may carry it as
/// an optional <c>"standardize": {"mean": [...], "std": [...]}</c> field (<c>"scale"</c> is accepted for <c>"std"</c>).
/// The members mirror the library's own standardisation (FastNet.Data) so the two can be merged into one.
/// </summary>
public sealed class Standardization
{
    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>Makes a standardisation from one mean and one positive standard deviation per feature (both copied).</summary>
    /// <exception cref="FastNetException">The lengths differ or are zero, a mean is not finite, or a std is not positive and finite.</exception>
    public Standardization(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length == 0 || mean.Length != std.Length)
            throw new FastNetException($"a standardisation needs one mean and one std per feature, not {mean.Length} and {std.Length}");
        for (int i = 0; i < mean.Length; i++)
        {
            if (!float.IsFinite(mean[i])) throw new FastNetException($"the mean of feature {i} is {mean[i]}, not a finite number");
            if (!(std[i] > 0f) || !float.IsFinite(std[i]))
                throw new FastNetException($"the std of feature {i} is {std[i]}, not a positive finite number");
        }
        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    /// <summary>The number of features.</summary>
    public int Features => _mean.Length;

    /// <summary>The value subtracted from each feature.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>The value each centred feature is divided by.</summary>
    public ReadOnlySpan<float> Std => _std;

    /// <summary>x′ (rows×features) = (x − mean) / std, row by row; <paramref name="standardized"/> may be <paramref name="x"/>.</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> standardized)
    {
        int width = _mean.Length;
        if (x.Length % width != 0 || standardized.Length < x.Length)
            throw new FastNetException($"{x.Length} values are not whole rows of {width} features, or the destination ({standardized.Length}) is too short");
        for (int i = 0; i < x.Length; i++) standardized[i] = (x[i] - _mean[i % width]) / _std[i % width];
    }

    /// <summary>Reads the optional <c>"standardize"</c> field of a model file; null when the file has none.</summary>
    /// <exception cref="FastNetFormatException">The file is not JSON or the field is malformed.</exception>
    public static Standardization? ReadFromModelFile(string path)
    {
        using JsonDocument document = JsonInput.Parse(path);
        return Read(path, document.RootElement);
    }

    /// <summary>Reads the optional <c>"standardize"</c> field of a parsed model file; <paramref name="file"/> names it in errors.</summary>
    internal static Standardization? Read(string file, JsonElement root)
    {
        JsonInput.Object(file, root, "$");
        if (JsonInput.Optional(root, "standardize") is not { } field || field.ValueKind == JsonValueKind.Null) return null;
        JsonInput.Object(file, field, "$.standardize");
        float[] mean = Row(file, JsonInput.Required(file, field, "$.standardize", "mean"), "$.standardize.mean");
        JsonElement scaleElement = JsonInput.Optional(field, "std") ?? JsonInput.Optional(field, "scale")
            ?? throw new FastNetFormatException(file, "$.standardize", "missing \"std\"");
        float[] scale = Row(file, scaleElement, "$.standardize.std");
        try
        {
            return new Standardization(mean, scale);
        }
        catch (FastNetException e) when (e is not FastNetFormatException)
        {
            throw new FastNetFormatException(file, "$.standardize", e.Message);
        }
    }

    /// <summary>Writes the <c>"standardize"</c> field's value (<c>{"mean": [...], "std": [...]}</c>).</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteStartArray("mean");
        foreach (float v in _mean) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteStartArray("std");
        foreach (float v in _std) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static float[] Row(string path, JsonElement element, string where)
    {
        var values = new float[JsonInput.ArrayLength(path, element, where)];
        JsonInput.FloatRow(path, element, where, values.Length, values);
        return values;
    }
}
