using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using FastNet.Kernels.Vectors;

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
    /// db (units) = Σ over rows of dz (batch×units), or += with <paramref name="accumulate"/>. When units divides the vector
    /// width <see cref="VectorDispatch"/> chooses (the seed's 4 and 1) the block is summed as flat vectors, each holding
    /// whole rows, and the lanes are folded per column at the end: one vector add per vector of floats instead of a short
    /// row loop.
    /// </summary>
    public static void ColumnSums(ReadOnlySpan<float> dz, Span<float> db, int batch, int units, bool accumulate)
    {
        var kernel = new Kernel(dz, db.Slice(0, units), batch, units, accumulate);
        VectorDispatch.Run(ref kernel, batch * units);
    }

    /// <summary>The same on one width; tests call each width directly.</summary>
    internal static void ColumnSums<TVec, TW>(ReadOnlySpan<float> dz, Span<float> db, int batch, int units, bool accumulate)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        db = db.Slice(0, units);
        int width = TW.Count, length = batch * units;
        if (!accumulate) db.Clear();
        if (width == 1 || units >= width || width % units != 0 || length < width)
        {
            for (int i = 0; i < batch; i++)
                TensorPrimitives.Add(db, dz.Slice(i * units, units), db);
            return;
        }
        ref float dr = ref MemoryMarshal.GetReference(dz.Slice(0, length));
        TVec sum = TW.Zero;
        int k = 0;
        for (; k <= length - width; k += width) sum = TW.Add(sum, TW.Load(ref dr, (nuint)k));
        Span<float> lanes = stackalloc float[width];
        TW.Store(sum, ref MemoryMarshal.GetReference(lanes), 0);
        for (int lane = 0, j = 0; lane < width; lane++, j = j + 1 == units ? 0 : j + 1) db[j] += lanes[lane];
        for (int j = 0; k < length; k++, j = j + 1 == units ? 0 : j + 1) db[j] += dz[k];
    }

    private readonly ref struct Kernel(ReadOnlySpan<float> dz, Span<float> db, int batch, int units, bool accumulate) : IVectorKernel
    {
        private readonly ReadOnlySpan<float> _dz = dz;
        private readonly Span<float> _db = db;

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> =>
            ColumnSums<TVec, TW>(_dz, _db, batch, units, accumulate);
    }
}
