using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels;

/// <summary>
/// Runs an <see cref="IUnaryOperator"/> over a span into a destination of the same length, which is x itself or does
/// not overlap it, on the widest width <see cref="VectorDispatch"/> chooses. The remainder is one overlapping last
/// vector, computed from the input before the first store, so it is right in place too; lengths below one vector run
/// scalar.
/// </summary>
internal static class UnaryDriver
{
    // r (length) = op(x (length))
    public static void Run<TOp>(ReadOnlySpan<float> x, Span<float> r) where TOp : struct, IUnaryOperator
    {
        var kernel = new Kernel<TOp>(x, r);
        VectorDispatch.Run(ref kernel, r.Length);
    }

    /// <summary>The same on one width (scalar when the length is below one vector); tests call each width directly.</summary>
    internal static void Run<TOp, TVec, TW>(ReadOnlySpan<float> x, Span<float> r)
        where TOp : struct, IUnaryOperator where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int length = r.Length;
        if (x.Length < length) throw new ArgumentException($"the operand is shorter ({x.Length}) than the destination ({length})");
        if (length == 0) return;
        if (length < TW.Count)
        {
            Run<TOp, float, ScalarWidth>(x, r);
            return;
        }
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float rr = ref MemoryMarshal.GetReference(r);
        nuint lastAt = (nuint)(length - TW.Count);
        TVec last = TW.Unary<TOp>(TW.Load(ref xr, lastAt));
        for (nuint i = 0; i < lastAt; i += (nuint)TW.Count)
            TW.Store(TW.Unary<TOp>(TW.Load(ref xr, i)), ref rr, i);
        TW.Store(last, ref rr, lastAt);
    }

    private readonly ref struct Kernel<TOp>(ReadOnlySpan<float> x, Span<float> r) : IVectorKernel where TOp : struct, IUnaryOperator
    {
        private readonly ReadOnlySpan<float> _x = x;
        private readonly Span<float> _r = r;

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> => UnaryDriver.Run<TOp, TVec, TW>(_x, _r);
    }
}
