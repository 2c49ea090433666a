using System.Numerics.Tensors;

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

    /// <summary>db (units) = Σ over rows of dz (batch×units), or += with <paramref name="accumulate"/>.</summary>
    public static void ColumnSums(ReadOnlySpan<float> dz, Span<float> db, int batch, int units, bool accumulate)
    {
        db = db.Slice(0, units);
        if (!accumulate) db.Clear();
        for (int i = 0; i < batch; i++)
            TensorPrimitives.Add(db, dz.Slice(i * units, units), db);
    }
}
