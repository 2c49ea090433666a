namespace FastNet.Tests.Support;

/// <summary>
/// A slice that starts at an odd offset inside a larger array whose other elements hold a sentinel, so a property can
/// check that a kernel read and wrote only its own elements (and never depended on alignment).
/// </summary>
internal sealed class GuardedBuffer
{
    private const float Sentinel = -12345.678f;
    private const int Guard = 9;
    private readonly float[] _array;

    public GuardedBuffer(int length, int offset)
    {
        Offset = offset;
        Length = length;
        _array = new float[offset + length + Guard];
        Array.Fill(_array, Sentinel);
    }

    public int Offset { get; }
    public int Length { get; }

    /// <summary>The kernel's view: exactly <see cref="Length"/> elements from the odd offset.</summary>
    public Span<float> Span => _array.AsSpan(Offset, Length);

    public GuardedBuffer Fill(ref SeededRandom random, double scale)
    {
        foreach (ref float v in Span) v = (float)((2 * random.NextDouble() - 1) * scale);
        return this;
    }

    public GuardedBuffer Fill(float value)
    {
        Span.Fill(value);
        return this;
    }

    public GuardedBuffer Copy()
    {
        var copy = new GuardedBuffer(Length, Offset);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>Whether every element outside the slice still holds the sentinel.</summary>
    public bool GuardsIntact()
    {
        for (int i = 0; i < _array.Length; i++)
            if ((i < Offset || i >= Offset + Length) && BitConverter.SingleToInt32Bits(_array[i]) != BitConverter.SingleToInt32Bits(Sentinel)) return false;
        return true;
    }
}
