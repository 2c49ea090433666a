namespace FastNet.Training;

/// <summary>Why an optimizer that decides its own end (<see cref="OptimizerKind.Lbfgs"/>) stopped before the epoch limit.</summary>
public enum ConvergenceReason
{
    /// <summary>It has not converged (it ran to the epoch limit, or the rule never stops by itself).</summary>
    None,

    /// <summary>The largest |gradient| coordinate fell to <see cref="OptimizerOptions.LbfgsGradientTolerance"/>.</summary>
    GradientNorm,

    /// <summary>An iteration lowered the loss by no more than <see cref="OptimizerOptions.LbfgsLossTolerance"/>·max(|L|, 1).</summary>
    LossChange,

    /// <summary>The line search found no step that lowers the loss enough (float32 precision is exhausted along the direction).</summary>
    LineSearch,
}
