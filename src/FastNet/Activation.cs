namespace FastNet;

/// <summary>The element-wise (or, for <see cref="Softmax"/>, row-wise) function a dense layer applies to its pre-activation.</summary>
public enum Activation
{
    /// <summary>a = z.</summary>
    Identity,

    /// <summary>a = 1 / (1 + e^-z); finite and in [0, 1] for every finite z.</summary>
    Sigmoid,

    /// <summary>a = tanh(z).</summary>
    Tanh,

    /// <summary>a = max(z, 0).</summary>
    Relu,

    /// <summary>a = e^z / Σ e^z over the row; only as the output layer, and only with <see cref="Loss.CrossEntropy"/>.</summary>
    Softmax,
}
