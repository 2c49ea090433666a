using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FastNet.Serialization;

/// <summary>Floats as the little-endian IEEE bytes files store them (checksums, checkpoint state), on any machine.</summary>
internal static class LittleEndianFloats
{
    /// <summary>The bytes of <paramref name="values"/>: a view on little-endian machines, a converted copy otherwise.</summary>
    public static ReadOnlySpan<byte> Bytes(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian) return MemoryMarshal.AsBytes(values);
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return bytes;
    }

    /// <summary>Reads <paramref name="destination"/>.Length floats from <paramref name="bytes"/> (exactly 4 bytes each).</summary>
    public static void Read(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
    }
}
