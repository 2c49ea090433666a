namespace FastNet.Kernels;

/// <summary>Which operands of <see cref="Sgemm.Multiply"/>'s c = op(a)·op(b) are transposed.</summary>
public enum SgemmForm
{
    /// <summary>c (m×n) = a (m×k) · b (k×n): the forward pass z = x·W.</summary>
    NN,
    /// <summary>c (m×n) = aᵀ · b with a (k×m), b (k×n): the weight gradient dW = xᵀ·dz.</summary>
    TN,
    /// <summary>c (m×n) = a · bᵀ with a (m×k), b (n×k): the input gradient dx = dz·Wᵀ.</summary>
    NT,
}
