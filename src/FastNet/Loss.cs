namespace FastNet;

/// <summary>
/// The cost a network is trained on. N is the number of samples, K the number of outputs, o an output and t its target.
/// </summary>
public enum Loss
{
    /// <summary>½ · Σₙ Σₖ (o − t)², the seed tutorial's cost; ∂L/∂o = o − t, no averaging.</summary>
    Sse,

    /// <summary>1/(N·K) · Σ (o − t)², PyTorch's <c>MSELoss</c> default.</summary>
    Mse,

    /// <summary>Binary cross-entropy, mean over N·K of −[t·ln o + (1−t)·ln(1−o)]; needs a sigmoid output and is computed from its pre-activation.</summary>
    Bce,

    /// <summary>Softmax cross-entropy, mean over N of −ln o[class]; needs a softmax output; targets are class ids.</summary>
    CrossEntropy,
}
