namespace FastNet.Training;

/// <summary>The update rule and its hyper-parameters; fields a rule does not use are ignored by it.</summary>
public sealed record OptimizerOptions
{
    /// <summary>The update rule; <see cref="OptimizerKind.Sgd"/> by default.</summary>
    public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;

    /// <summary>The step size lr (the initial one when a schedule decays it); for <see cref="OptimizerKind.Rprop"/>, the initial step Δ0.</summary>
    public float LearningRate { get; init; } = 0.1f;

    /// <summary>μ of <see cref="OptimizerKind.Momentum"/> and <see cref="OptimizerKind.Nesterov"/>, in [0, 1) (default 0.9).</summary>
    public float Momentum { get; init; } = 0.9f;

    /// <summary>Adam's β1, in [0, 1) (default 0.9).</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam's β2, in [0, 1) (default 0.999).</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Adam's ε, positive (default 1e-8).</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>L2 weight decay λ, coupled as in PyTorch (g ← ∂L/∂w + λ·w, for every parameter); 0 (the default) turns it off.</summary>
    public float WeightDecay { get; init; }

    /// <summary>iRPROP−'s growth factor η+ (default 1.2, FANN's and PyTorch's).</summary>
    public float RpropIncrease { get; init; } = 1.2f;

    /// <summary>iRPROP−'s shrink factor η− (default 0.5, FANN's and PyTorch's).</summary>
    public float RpropDecrease { get; init; } = 0.5f;

    /// <summary>iRPROP−'s largest step Δmax (default 50, FANN's and PyTorch's).</summary>
    public float RpropMaxStep { get; init; } = 50f;

    /// <summary>iRPROP−'s smallest step Δmin (default 1e-6, PyTorch's; FANN floors steps at 1e-4).</summary>
    public float RpropMinStep { get; init; } = 1e-6f;

    /// <summary>L-BFGS's memory m: how many (step, gradient change) pairs shape its direction (default 10, as in scipy and PyTorch).</summary>
    public int LbfgsHistory { get; init; } = 10;

    /// <summary>L-BFGS stops when the largest |∂L/∂θ| is at most this (default 1e-5).</summary>
    public double LbfgsGradientTolerance { get; init; } = 1e-5;

    /// <summary>L-BFGS stops when an iteration lowers the loss by at most this times max(|L|, 1) (default 1e-9).</summary>
    public double LbfgsLossTolerance { get; init; } = 1e-9;
}
