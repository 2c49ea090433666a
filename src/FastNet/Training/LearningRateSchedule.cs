namespace FastNet.Training;

/// <summary>
/// The learning rate of each epoch, from the initial rate lr0 and the number e of epochs completed before it (0 for the
/// first): constant lr0; step lr0·factor^⌊e/every⌋ (PyTorch's StepLR); exponential lr0·γ^e (PyTorch's ExponentialLR).
/// </summary>
public readonly record struct LearningRateSchedule
{
    private LearningRateSchedule(ScheduleKind kind, int every, float factor)
    {
        Kind = kind;
        Every = every;
        Factor = factor;
    }

    /// <summary>The kind of schedule.</summary>
    public ScheduleKind Kind { get; }

    /// <summary>For <see cref="ScheduleKind.Step"/>, the number of epochs between decays; 0 otherwise.</summary>
    public int Every { get; }

    /// <summary>The factor of a step decay or γ of an exponential one; 1 for a constant rate.</summary>
    public float Factor { get; }

    /// <summary>The same rate every epoch (the default).</summary>
    public static LearningRateSchedule Constant => new(ScheduleKind.Constant, 0, 1f);

    /// <summary>Multiplies the rate by <paramref name="factor"/> (in (0, 1]) every <paramref name="every"/> epochs.</summary>
    /// <exception cref="FastNetException">every &lt; 1 or the factor is outside (0, 1].</exception>
    public static LearningRateSchedule Step(int every, float factor)
    {
        if (every < 1) throw new FastNetException($"a step schedule needs a period of at least 1 epoch, not {every}");
        CheckFactor(factor);
        return new(ScheduleKind.Step, every, factor);
    }

    /// <summary>Multiplies the rate by <paramref name="gamma"/> (in (0, 1]) every epoch.</summary>
    /// <exception cref="FastNetException">γ is outside (0, 1].</exception>
    public static LearningRateSchedule Exponential(float gamma)
    {
        CheckFactor(gamma);
        return new(ScheduleKind.Exponential, 0, gamma);
    }

    /// <summary>The rate of the epoch after <paramref name="completedEpochs"/> completed ones, starting from <paramref name="initial"/>.</summary>
    public float Rate(float initial, int completedEpochs) => Kind switch
    {
        ScheduleKind.Step => (float)(initial * Math.Pow(Factor, completedEpochs / Every)),
        ScheduleKind.Exponential => (float)(initial * Math.Pow(Factor, completedEpochs)),
        _ => initial,
    };

    private static void CheckFactor(float factor)
    {
        if (!(factor > 0f && factor <= 1f)) throw new FastNetException($"a decay factor must be in (0, 1], not {factor}");
    }
}
