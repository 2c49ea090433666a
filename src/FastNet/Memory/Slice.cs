namespace FastNet.Memory;

/// <summary>A named region of a <see cref="Workspace"/>: an offset and a length in floats.</summary>
internal readonly record struct Slice(int Offset, int Length)
{
    public static readonly Slice Empty = new(0, 0);
}
