using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastNet.Memory;

/// <summary>
/// One pinned, 64-byte-aligned block of floats holding everything a network touches while it trains or predicts:
/// parameters, gradients, optimizer state, activations, deltas and kernel scratch. Regions are addressed by
/// <see cref="Slice"/>; nothing is allocated after construction.
/// </summary>
internal sealed class Workspace
{
    private readonly float[] _block;
    private readonly int _base;

    public unsafe Workspace(WorkspacePlan plan)
    {
        long length = plan.Length + WorkspacePlan.AlignFloats;
        _block = GC.AllocateArray<float>((int)length, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_block));
        int misalignment = (int)(address & 63) / sizeof(float);
        _base = misalignment == 0 ? 0 : WorkspacePlan.AlignFloats - misalignment;
        Length = plan.Length;
    }

    /// <summary>The planned length in floats.</summary>
    public long Length { get; }

    /// <summary>The floats of <paramref name="slice"/>.</summary>
    public Span<float> this[Slice slice]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _block.AsSpan(_base + slice.Offset, slice.Length);
    }
}
