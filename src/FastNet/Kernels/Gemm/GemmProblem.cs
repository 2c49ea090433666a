namespace FastNet.Kernels;

/// <summary>
/// One product c (m×n) = op(a) (m×k) · op(b) (k×n) [+ c] [then f(· + bias)], with op(a) and op(b) described by strides
/// so the three forms (nn, tn, nt) share every loop and the transposes are absorbed by packing. Pointers are valid only
/// while the caller keeps the operands pinned (for the duration of one <see cref="Gemm"/> call).
/// </summary>
internal unsafe struct GemmProblem
{
    /// <summary>Element (i, p) of op(a) is A[i·ARowStride + p·AColStride].</summary>
    public float* A;
    public nint ARowStride, AColStride;
    /// <summary>Element (p, j) of op(b) is B[p·BRowStride + j·BColStride].</summary>
    public float* B;
    public nint BRowStride, BColStride;
    /// <summary>c, row-major with row stride Ldc.</summary>
    public float* C;
    public nint Ldc;
    public int M, K, N;
    /// <summary>Add to c instead of overwriting it (overwrite never reads c).</summary>
    public bool Accumulate;
    /// <summary>b (n) added to every row after the product, or null.</summary>
    public float* Bias;
    /// <summary>Applied element-wise after the bias (identity: none).</summary>
    public Activation Activation;
    /// <summary>op(b) already packed for the kernel that runs (<see cref="GemmPackedB"/>), or null to pack it per call.</summary>
    public float* PackedB;

    /// <summary>True when a bias or an activation must be applied to the finished tile.</summary>
    public readonly bool HasEpilogue => Bias != null || Activation != Activation.Identity;

    public static GemmProblem Create(GemmForm form, float* a, float* b, float* c, int m, int k, int n, bool accumulate)
    {
        var problem = new GemmProblem { A = a, B = b, C = c, Ldc = n, M = m, K = k, N = n, Accumulate = accumulate };
        switch (form)
        {
            case GemmForm.NN: // a (m×k), b (k×n)
                problem.ARowStride = k; problem.AColStride = 1; problem.BRowStride = n; problem.BColStride = 1;
                break;
            case GemmForm.TN: // a (k×m), b (k×n)
                problem.ARowStride = 1; problem.AColStride = m; problem.BRowStride = n; problem.BColStride = 1;
                break;
            case GemmForm.NT: // a (m×k), b (n×k)
                problem.ARowStride = k; problem.AColStride = 1; problem.BRowStride = 1; problem.BColStride = k;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, null);
        }
        return problem;
    }
}
