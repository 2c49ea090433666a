using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// Runs an <see cref="IBinaryOperator"/> over two equal-length spans into a destination (which may alias x): Vector512
/// where it is accelerated, else Vector256, else scalar. The remainder is handled by one overlapping last vector when
/// the destination does not alias an input (recomputing a few elements is harmless), else by a scalar tail.
/// </summary>
internal static class BinaryDriver
{
    // r (length) = op(x (length), y (length))
    public static void Run<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r) where TOp : struct, IBinaryOperator
    {
        int length = r.Length;
        if (x.Length < length || y.Length < length)
            throw new ArgumentException($"operands are shorter ({x.Length}, {y.Length}) than the destination ({length})");
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float rr = ref MemoryMarshal.GetReference(r);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
        }
        for (; i < length; i++)
            Unsafe.Add(ref rr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }
}
