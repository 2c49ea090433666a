using System.Numerics.Tensors;

namespace FastNet.Kernels;

/// <summary>
/// Single-precision matrix products in the three forms a dense layer needs. All matrices are dense and row-major.
/// Contract (BLAS's beta): with <c>accumulate: false</c> the destination is overwritten and never read, so it may hold
/// garbage or NaN; with <c>accumulate: true</c> the product is added to it.
/// </summary>
internal static class Gemm
{
    /// <summary>Floats of scratch the kernels need for the given largest shape (packing panels).</summary>
    public static long ScratchLength(int m, int k, int n) => 0;

    /// <summary>c (m×n) = a (m×k) · b (k×n). The forward pass: z = x·W.</summary>
    public static void NN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, Span<float> scratch)
    {
        CheckShapes(a.Length, (long)m * k, b.Length, (long)k * n, c.Length, (long)m * n);
        for (int i = 0; i < m; i++)
        {
            Span<float> cRow = c.Slice(i * n, n);
            if (!accumulate) cRow.Clear();
            ReadOnlySpan<float> aRow = a.Slice(i * k, k);
            for (int p = 0; p < k; p++)
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aRow[p], cRow, cRow);
        }
    }

    /// <summary>c (m×n) = aᵀ · b with a (k×m) and b (k×n). The weight gradient: dW = xᵀ·dz.</summary>
    public static void TN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, Span<float> scratch)
    {
        CheckShapes(a.Length, (long)k * m, b.Length, (long)k * n, c.Length, (long)m * n);
        if (!accumulate) c.Slice(0, m * n).Clear();
        for (int p = 0; p < k; p++)
        {
            ReadOnlySpan<float> aRow = a.Slice(p * m, m);
            ReadOnlySpan<float> bRow = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                Span<float> cRow = c.Slice(i * n, n);
                TensorPrimitives.MultiplyAdd(bRow, aRow[i], cRow, cRow);
            }
        }
    }

    /// <summary>c (m×n) = a · bᵀ with a (m×k) and b (n×k). The input gradient: dx = dz·Wᵀ.</summary>
    public static void NT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, Span<float> scratch)
    {
        CheckShapes(a.Length, (long)m * k, b.Length, (long)n * k, c.Length, (long)m * n);
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> aRow = a.Slice(i * k, k);
            Span<float> cRow = c.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                float dot = TensorPrimitives.Dot(aRow, b.Slice(j * k, k));
                cRow[j] = accumulate ? cRow[j] + dot : dot;
            }
        }
    }

    internal static void CheckShapes(int aLength, long aNeeded, int bLength, long bNeeded, int cLength, long cNeeded)
    {
        if (aLength < aNeeded || bLength < bNeeded || cLength < cNeeded)
            throw new ArgumentException(
                $"GEMM operands are too short: a has {aLength} of {aNeeded}, b {bLength} of {bNeeded}, c {cLength} of {cNeeded} floats");
    }
}
