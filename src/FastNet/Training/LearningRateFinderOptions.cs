namespace FastNet.Training;

/// <summary>How <see cref="LearningRateFinder"/> runs the learning-rate range test.</summary>
public sealed record LearningRateFinderOptions
{
    /// <summary>The rate of the first step (default 1e-6).</summary>
    public float MinRate { get; init; } = 1e-6f;

    /// <summary>The rate of the last step (default 10); the rate grows by the same factor every step in between.</summary>
    public float MaxRate { get; init; } = 10f;

    /// <summary>The most steps the test takes.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>The number of training steps, 2 to <see cref="MaxSteps"/> (default 200).</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Samples per step (default 32); 0 means the whole dataset every step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The update rule (its learning rate is ignored: the test sets the rate of every step); rprop has no rate to find.</summary>
    public OptimizerOptions Optimizer { get; init; } = new();

    /// <summary>β of the exponential moving average of the loss, bias-corrected (default 0.98; 0 for none).</summary>
    public double Smoothing { get; init; } = 0.98;

    /// <summary>Stop once the smoothed loss exceeds this multiple of its lowest value, or becomes NaN or infinite (default 4).</summary>
    public double DivergenceFactor { get; init; } = 4;

    /// <summary>Fit a z-score standardisation on the data for the copy, as <see cref="TrainingOptions.Standardize"/> would (default false).</summary>
    public bool Standardize { get; init; }

    /// <summary>The seed of the batch order (default 0); the same seed gives the same curve, bit for bit.</summary>
    public ulong Seed { get; init; }

    internal void Validate()
    {
        if (!(MinRate > 0f) || !float.IsFinite(MinRate)) throw new FastNetException($"the smallest rate must be a positive finite number, not {MinRate}");
        if (!(MaxRate > MinRate) || !float.IsFinite(MaxRate)) throw new FastNetException($"the largest rate must be a finite number above the smallest ({MinRate}), not {MaxRate}");
        if (Steps is < 2 or > MaxSteps) throw new FastNetException($"the range test takes 2 to {MaxSteps} steps, not {Steps}");
        if (BatchSize < 0) throw new FastNetException($"the batch size must be positive (or 0 for the full batch), not {BatchSize}");
        if (!(Smoothing >= 0 && Smoothing < 1)) throw new FastNetException($"the smoothing must be in [0, 1), not {Smoothing}");
        if (!(DivergenceFactor > 1) || !double.IsFinite(DivergenceFactor)) throw new FastNetException($"the divergence factor must be a finite number above 1, not {DivergenceFactor}");
        ArgumentNullException.ThrowIfNull(Optimizer);
        if (Optimizer.Kind == OptimizerKind.Rprop) throw new FastNetException("rprop takes no learning rate (its steps adapt by sign): the range test does not apply");
        Training.Optimizer.Validate(Optimizer);
    }
}
