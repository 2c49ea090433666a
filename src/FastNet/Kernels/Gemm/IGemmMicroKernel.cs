namespace FastNet.Kernels;

/// <summary>
/// One register-blocked GEMM micro-kernel (BLIS's): an MR×NR tile of c held in registers and updated from a packed
/// MR×kc panel of a and a packed kc×NR panel of b. The blocked driver (<see cref="GemmDriver"/>) is generic over it, so
/// each instruction set is one struct and the JIT specialises the loops around it.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>False when the kernel is written with intrinsics of another architecture than this one.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>Rows of the register tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int NR { get; }

    /// <summary>
    /// c (MR×NR, row stride ldc) = Σₚ a[p] ⊗ b[p] over p &lt; kc, where a is packed p-major (MR floats per p) and b is
    /// packed p-major (NR floats per p). The sum starts from zero; with <paramref name="load"/> the old c is added last.
    /// </summary>
    static abstract void Multiply(float* a, float* b, int kc, float* c, nint ldc, bool load);

    /// <summary>
    /// True when <see cref="MultiplyRows"/> computes fewer than MR rows alone (<see cref="GemmEdgeRows"/>); otherwise the
    /// last rows of a product run the whole tile on a padded buffer.
    /// </summary>
    static virtual bool HasRowEdge => false;

    /// <summary>
    /// The first <paramref name="rows"/> (fewer than MR) rows of <see cref="Multiply"/>, with the same bits; only with
    /// <see cref="HasRowEdge"/>.
    /// </summary>
    static virtual void MultiplyRows(float* a, float* b, int kc, float* c, nint ldc, bool load, int rows) =>
        throw new NotSupportedException("this micro-kernel computes whole tiles only");

    /// <summary>c (rows×NR, row stride ldc, rows ≤ MR) = f(c + bias), with bias (NR) treated as zero when null.</summary>
    static abstract void Epilogue<TAct>(float* c, nint ldc, float* bias, int rows) where TAct : struct, IUnaryOperator;
}
