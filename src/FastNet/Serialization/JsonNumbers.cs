using System.Text.Json;

namespace FastNet.Serialization;

/// <summary>
/// How every JSON file and every <c>--json</c> output of FastNet writes a number: finite values as JSON numbers
/// (the shortest text that reads back to the same bits), NaN and ±∞ as <c>null</c>. JSON has no literal for them;
/// <c>null</c> is what JavaScript's <c>JSON.stringify</c> writes too, and every JSON reader accepts it.
/// </summary>
public static class JsonNumbers
{
    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>, or null when it is NaN, infinite or absent.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WritePropertyName(name);
        json.WriteNumberOrNullValue(value);
    }

    /// <summary>Writes <paramref name="value"/> as an array element or value, or null when it is NaN, infinite or absent.</summary>
    public static void WriteNumberOrNullValue(this Utf8JsonWriter json, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v && double.IsFinite(v)) json.WriteNumberValue(v);
        else json.WriteNullValue();
    }

    /// <summary>Writes <paramref name="value"/> in single precision's shortest form, or null when it is NaN or infinite.</summary>
    public static void WriteNumberOrNullValue(this Utf8JsonWriter json, float value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (float.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteNullValue();
    }
}
