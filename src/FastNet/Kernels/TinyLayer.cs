namespace FastNet.Kernels;

/// <summary>
/// One layer as <see cref="TinyInference"/> reads it: W (k×n, row-major) and b (n, or null) pinned by their owner,
/// the activation applied in the lanes (identity for an output layer whose activation runs afterwards) and the sum's
/// sequence for the rows being computed.
/// </summary>
internal unsafe struct TinyLayer
{
    public float* W;
    public float* Bias;
    public int K, N;
    public Activation Activation;
    public TinySum Sum;
}
