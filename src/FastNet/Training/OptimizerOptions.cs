namespace FastNet.Training;

/// <summary>The update rule and its hyper-parameters.</summary>
public sealed record OptimizerOptions
{
    /// <summary>The update rule; <see cref="OptimizerKind.Sgd"/> by default.</summary>
    public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;

    /// <summary>The step size lr (the initial one when a schedule decays it).</summary>
    public float LearningRate { get; init; } = 0.1f;
}
