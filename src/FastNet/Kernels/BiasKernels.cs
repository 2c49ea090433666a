using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>The bias terms of a dense layer: adding b to every row, and its gradient, the column sums of dz.</summary>
internal static class BiasKernels
{
    /// <summary>z (batch×units) += b (units) on every row.</summary>
    public static void AddRows(Span<float> z, ReadOnlySpan<float> b, int batch, int units)
    {
        for (int i = 0; i < batch; i++)
        {
            Span<float> row = z.Slice(i * units, units);
            TensorPrimitives.Add(row, b, row);
        }
    }

    /// <summary>
    /// db (units) = Σ over rows of dz (batch×units), or += with <paramref name="accumulate"/>. When units divides 16 (the
    /// seed's 4 and 1) the block is summed as flat Vector512s, each holding 16 / units whole rows, and the lanes are
    /// folded per column at the end: one vector add per 16 floats instead of a short row loop.
    /// </summary>
    public static void ColumnSums(ReadOnlySpan<float> dz, Span<float> db, int batch, int units, bool accumulate)
    {
        db = db.Slice(0, units);
        int width = Vector512<float>.Count;
        if (Vector512.IsHardwareAccelerated && units < width && width % units == 0 && batch * units >= width)
        {
            int length = batch * units;
            ref float dr = ref MemoryMarshal.GetReference(dz);
            Vector512<float> sum = Vector512<float>.Zero;
            int i = 0;
            for (; i <= length - width; i += width) sum += Vector512.LoadUnsafe(ref dr, (nuint)i);
            if (!accumulate) db.Clear();
            Span<float> lanes = stackalloc float[Vector512<float>.Count];
            sum.CopyTo(lanes);
            for (int lane = 0, j = 0; lane < width; lane++, j = j + 1 == units ? 0 : j + 1) db[j] += lanes[lane];
            for (int j = 0; i < length; i++, j = j + 1 == units ? 0 : j + 1) db[j] += Unsafe.Add(ref dr, i);
            return;
        }
        if (!accumulate) db.Clear();
        for (int i = 0; i < batch; i++)
            TensorPrimitives.Add(db, dz.Slice(i * units, units), db);
    }
}
