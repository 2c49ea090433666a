namespace FastNet.Memory;

/// <summary>
/// Lays out slices one after another, each starting on a 64-byte boundary, before anything is allocated. The plan is
/// made once per network; the <see cref="Workspace"/> built from it never grows.
/// </summary>
internal sealed class WorkspacePlan
{
    /// <summary>Alignment of every slice, in floats (64 bytes: one AVX-512 register, one cache line).</summary>
    public const int AlignFloats = 16;

    /// <summary>The largest workspace FastNet will allocate, in floats (8 GiB); larger plans are refused up front.</summary>
    public const long MaxFloats = int.MaxValue - 64;

    private long _next;

    /// <summary>The total length planned so far, in floats.</summary>
    public long Length => _next;

    /// <summary>Reserves <paramref name="length"/> floats and returns where they are.</summary>
    public Slice Take(long length)
    {
        if (length < 0) throw new FastNetException($"a workspace slice cannot have a negative length ({length})");
        long offset = _next;
        long end = offset + (length + AlignFloats - 1) / AlignFloats * AlignFloats;
        if (end > MaxFloats)
            throw new FastNetException(
                $"the network needs more than {(MaxFloats * 4L + (1L << 29)) / (1L << 30)} GiB of workspace; make it smaller or plan a smaller maximum batch");
        _next = end;
        return new Slice((int)offset, (int)length);
    }
}
