using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FastNet.Serialization;

/// <summary>
/// Writes a row of floats as one compact JSON array (<c>[0.5,-1.25,3]</c>) inside an indented document: each number in
/// the shortest text that reads back to the same bits, about 10 bytes per value instead of 23 with one per line.
/// </summary>
internal static class CompactRow
{
    private const int MaxFloatBytes = 16;   // "-1.17549435E-38" and a comma

    /// <summary>Writes <paramref name="values"/> (all finite) as one raw JSON array; <paramref name="buffer"/> is reused scratch.</summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<float> values, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        Span<byte> text = buffer.GetSpan(values.Length * MaxFloatBytes + 2);
        int at = 0;
        text[at++] = (byte)'[';
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) text[at++] = (byte)',';
            values[i].TryFormat(text[at..], out int written, "R", CultureInfo.InvariantCulture);
            at += written;
        }
        text[at++] = (byte)']';
        buffer.Advance(at);
        json.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}
