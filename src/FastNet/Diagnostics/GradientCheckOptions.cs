namespace FastNet.Diagnostics;

/// <summary>
/// How <see cref="GradientCheck"/> differentiates numerically and when it calls an analytic gradient correct. A
/// coordinate passes when |analytic − numeric| ≤ <see cref="RelativeTolerance"/>·|numeric| +
/// <see cref="AbsoluteTolerance"/>·S + <see cref="FloorTolerance"/>·S*, where S is the tensor's gradient scale (the
/// largest |numeric| among its compared coordinates) and S* the largest over every tensor of the check; so multiplying
/// the loss by a constant never changes a verdict. docs/gradient-checking.md justifies the defaults.
/// </summary>
public sealed record GradientCheckOptions
{
    /// <summary>
    /// The step h of the central difference (L(θ + h) − L(θ − h)) / 2h, taken in double precision (default 1e-6). Its
    /// truncation error is about h²·|L‴|/6 ≈ 1e-12 and its rounding error about 1e-16·|L|/h ≈ 1e-10·|L|, both far
    /// below float32's 6e-8, and a step this small rarely straddles a relu kink.
    /// </summary>
    public double Step { get; init; } = 1e-6;

    /// <summary>The error allowed per coordinate as a fraction of |numeric| (default 1e-3).</summary>
    public double RelativeTolerance { get; init; } = 1e-3;

    /// <summary>
    /// The error allowed per coordinate as a fraction of the tensor's gradient scale S, the largest |numeric| compared in
    /// it (default 1e-4): the floor for coordinates whose gradient is small or cancels, where float32 rounding is relatively large.
    /// </summary>
    public double AbsoluteTolerance { get; init; } = 1e-4;

    /// <summary>
    /// The error allowed per coordinate as a fraction of S*, the largest |numeric| of the whole check (default 1e-5):
    /// the floor for a tensor whose gradients all but vanish (behind dead relu or saturated units), where float32's
    /// rounding of O(1) activations, not the tensor's own tiny scale, sets the error.
    /// </summary>
    public double FloorTolerance { get; init; } = 1e-5;

    /// <summary>
    /// When set, at most this many coordinates of each tensor are checked, drawn without replacement with
    /// <see cref="Seed"/>; null (the default) checks every coordinate. Each checked coordinate costs two evaluations of the
    /// loss above the layer it belongs to, over the whole batch.
    /// </summary>
    public int? SamplesPerTensor { get; init; }

    /// <summary>The seed of the coordinate sample (default 0); the same seed checks the same coordinates.</summary>
    public RandomSeed Seed { get; init; }

    internal void Validate()
    {
        if (!(Step > 0) || !double.IsFinite(Step))
            throw new FastNetException($"the gradient-check step must be a positive finite number, not {Step}");
        if (!(RelativeTolerance >= 0) || !double.IsFinite(RelativeTolerance))
            throw new FastNetException($"the relative tolerance must be a finite number ≥ 0, not {RelativeTolerance}");
        if (!(AbsoluteTolerance >= 0) || !double.IsFinite(AbsoluteTolerance))
            throw new FastNetException($"the absolute tolerance must be a finite number ≥ 0, not {AbsoluteTolerance}");
        if (!(FloorTolerance >= 0) || !double.IsFinite(FloorTolerance))
            throw new FastNetException($"the floor tolerance must be a finite number ≥ 0, not {FloorTolerance}");
        if (SamplesPerTensor is < 1)
            throw new FastNetException($"the samples per tensor must be at least 1, not {SamplesPerTensor}");
    }
}
