namespace FastNet.Diagnostics;

/// <summary>What a checked gradient tensor is the gradient of.</summary>
public enum GradientTensorKind
{
    /// <summary>A layer's weights W (inputs×units).</summary>
    Weights,

    /// <summary>A layer's bias b (units).</summary>
    Bias,

    /// <summary>The network's input x (samples×inputs).</summary>
    Input,

    /// <summary>The point of a user-supplied loss function (<see cref="GradientCheck.Compare"/>).</summary>
    Point,
}
