using System.Runtime.InteropServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels;

/// <summary>
/// Runs an <see cref="IBinaryOperator"/> over two spans into a destination of their length, which is x or y itself or
/// overlaps neither, on the widest width <see cref="VectorDispatch"/> chooses. The remainder is one overlapping last
/// vector, computed from the inputs before the first store, so it is right in place too; lengths below one vector run
/// scalar.
/// </summary>
internal static class BinaryDriver
{
    // r (length) = op(x (length), y (length))
    public static void Run<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r) where TOp : struct, IBinaryOperator
    {
        var kernel = new Kernel<TOp>(x, y, r);
        VectorDispatch.Run(ref kernel, r.Length);
    }

    /// <summary>The same on one width (scalar when the length is below one vector); tests call each width directly.</summary>
    internal static void Run<TOp, TVec, TW>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r)
        where TOp : struct, IBinaryOperator where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int length = r.Length;
        if (x.Length < length || y.Length < length)
            throw new ArgumentException($"operands are shorter ({x.Length}, {y.Length}) than the destination ({length})");
        if (length == 0) return;
        if (length < TW.Count)
        {
            Run<TOp, float, ScalarWidth>(x, y, r);
            return;
        }
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float rr = ref MemoryMarshal.GetReference(r);
        nuint lastAt = (nuint)(length - TW.Count);
        TVec last = TW.Binary<TOp>(TW.Load(ref xr, lastAt), TW.Load(ref yr, lastAt));
        for (nuint i = 0; i < lastAt; i += (nuint)TW.Count)
            TW.Store(TW.Binary<TOp>(TW.Load(ref xr, i), TW.Load(ref yr, i)), ref rr, i);
        TW.Store(last, ref rr, lastAt);
    }

    private readonly ref struct Kernel<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r) : IVectorKernel
        where TOp : struct, IBinaryOperator
    {
        private readonly ReadOnlySpan<float> _x = x, _y = y;
        private readonly Span<float> _r = r;

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> => BinaryDriver.Run<TOp, TVec, TW>(_x, _y, _r);
    }
}
