using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Onnx;

/// <summary>
/// Per-feature input standardisation applied before the first layer: x′ = (x − mean) / scale. A model file may carry it as
/// an optional <c>"standardize": {"mean": [...], "std": [...]}</c> field (<c>"scale"</c> is accepted for <c>"std"</c>).
/// </summary>
public sealed class Standardization
{
    private readonly float[] _mean;
    private readonly float[] _scale;

    /// <summary>Makes a standardisation from one mean and one (non-zero) scale per feature.</summary>
    /// <exception cref="FastNetException">The lengths differ or are zero, a value is not finite, or a scale is zero.</exception>
    public Standardization(float[] mean, float[] scale)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Length == 0 || mean.Length != scale.Length)
            throw new FastNetException($"a standardisation needs one mean and one scale per feature, not {mean.Length} and {scale.Length}");
        for (int i = 0; i < mean.Length; i++)
        {
            if (!float.IsFinite(mean[i])) throw new FastNetException($"the mean of feature {i} is {mean[i]}, not a finite number");
            if (!float.IsFinite(scale[i]) || scale[i] == 0)
                throw new FastNetException($"the scale of feature {i} is {scale[i]}, not a finite non-zero number");
        }
        _mean = mean;
        _scale = scale;
    }

    /// <summary>The number of features.</summary>
    public int Features => _mean.Length;

    /// <summary>The value subtracted from each feature.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>The value each centred feature is divided by.</summary>
    public ReadOnlySpan<float> Scale => _scale;

    /// <summary>Standardises <paramref name="x"/> (rows of <see cref="Features"/> values) in place.</summary>
    public void Apply(Span<float> x)
    {
        if (x.Length % _mean.Length != 0)
            throw new FastNetException($"{x.Length} values are not a whole number of rows of {_mean.Length} features");
        for (int i = 0; i < x.Length; i++) x[i] = (x[i] - _mean[i % _mean.Length]) / _scale[i % _mean.Length];
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
        foreach (float v in _scale) json.WriteNumberValue(v);
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
