using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// Runs an <see cref="IUnaryOperator"/> over a span into a destination of the same length (which may alias x):
/// Vector512 where it is accelerated, else Vector256, else scalar. The remainder is one overlapping last vector when the
/// destination does not alias the input, else a scalar tail.
/// </summary>
internal static class UnaryDriver
{
    // r (length) = op(x (length))
    public static void Run<TOp>(ReadOnlySpan<float> x, Span<float> r) where TOp : struct, IUnaryOperator
    {
        int length = r.Length;
        if (x.Length < length) throw new ArgumentException($"the operand is shorter ({x.Length}) than the destination ({length})");
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float rr = ref MemoryMarshal.GetReference(r);
        bool inPlace = Unsafe.AreSame(ref xr, ref rr);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
            if (i < length && !inPlace)
            {
                i = length - Vector512<float>.Count;
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
                return;
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
            if (i < length && !inPlace)
            {
                i = length - Vector256<float>.Count;
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
                return;
            }
        }
        for (; i < length; i++)
            Unsafe.Add(ref rr, i) = TOp.Invoke(Unsafe.Add(ref xr, i));
    }
}
