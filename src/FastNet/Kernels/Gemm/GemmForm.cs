namespace FastNet.Kernels;

/// <summary>Which operands of c = op(a)·op(b) are transposed: the three forms a dense layer needs.</summary>
internal enum GemmForm
{
    /// <summary>c = a·b: the forward pass z = x·W.</summary>
    NN,
    /// <summary>c = aᵀ·b: the weight gradient dW = xᵀ·dz.</summary>
    TN,
    /// <summary>c = a·bᵀ: the input gradient dx = dz·Wᵀ.</summary>
    NT,
}
