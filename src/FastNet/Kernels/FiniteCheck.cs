using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// Whether every float of a span is finite, by the exponent bits (all ones means NaN or ±∞): Vector512, Vector256, then
/// a scalar tail; one compare per vector, so a clean span costs one pass.
/// </summary>
internal static class FiniteCheck
{
    private const uint ExponentMask = 0x7F80_0000u;

    // x (n) → true when no element is NaN or ±∞
    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(x);
        ref uint r = ref MemoryMarshal.GetReference(bits);
        int n = bits.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<uint>.Count)
        {
            Vector512<uint> mask = Vector512.Create(ExponentMask);
            for (; i <= n - Vector512<uint>.Count; i += Vector512<uint>.Count)
                if (Vector512.EqualsAny(Vector512.LoadUnsafe(ref r, (nuint)i) & mask, mask)) return false;
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<uint>.Count)
        {
            Vector256<uint> mask = Vector256.Create(ExponentMask);
            for (; i <= n - Vector256<uint>.Count; i += Vector256<uint>.Count)
                if (Vector256.EqualsAny(Vector256.LoadUnsafe(ref r, (nuint)i) & mask, mask)) return false;
        }
        for (; i < n; i++)
            if ((Unsafe.Add(ref r, i) & ExponentMask) == ExponentMask) return false;
        return true;
    }
}
