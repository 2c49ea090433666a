using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace FastNet.Serialization;

/// <summary>Floats as the little-endian IEEE bytes files store them (checksums, checkpoint state), on any machine.</summary>
internal static class LittleEndianFloats
{
    /// <summary>The bytes of <paramref name="values"/>: a view on little-endian machines, a byte-swapped copy otherwise.</summary>
    public static ReadOnlySpan<byte> Bytes(ReadOnlySpan<float> values) => LittleEndian(values);

    /// <summary>The bytes of <paramref name="values"/>: a view on little-endian machines, a byte-swapped copy otherwise.</summary>
    public static ReadOnlySpan<byte> Bytes(ReadOnlySpan<double> values) => LittleEndian(values);

    private static unsafe ReadOnlySpan<byte> LittleEndian<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (BitConverter.IsLittleEndian) return MemoryMarshal.AsBytes(values);
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        for (int i = 0; i < bytes.Length; i += sizeof(T)) bytes.AsSpan(i, sizeof(T)).Reverse();
        return bytes;
    }

    /// <summary>Reads <paramref name="destination"/>.Length floats from <paramref name="bytes"/> (exactly 4 bytes each).</summary>
    public static void Read(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
    }

    /// <summary>Reads <paramref name="destination"/>.Length doubles from <paramref name="bytes"/> (exactly 8 bytes each).</summary>
    public static void Read(ReadOnlySpan<byte> bytes, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * sizeof(double)));
    }
}
