using System.Text;
using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Cli;

/// <summary>Writes one JSON object (indented) to a text writer; numbers as <see cref="JsonNumbers"/> says (NaN and ±∞ as null).</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void WriteArray(Utf8JsonWriter json, string name, ReadOnlySpan<float> values)
    {
        json.WriteStartArray(name);
        foreach (float v in values) json.WriteNumberOrNullValue(v);
        json.WriteEndArray();
    }
}
