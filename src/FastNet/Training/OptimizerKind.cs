namespace FastNet.Training;

/// <summary>The parameter update rule.</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient descent: w ← w − lr · ∂L/∂w.</summary>
    Sgd,
}
