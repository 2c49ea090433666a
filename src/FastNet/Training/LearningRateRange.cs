namespace FastNet.Training;

/// <summary>The result of <see cref="LearningRateFinder.Run"/>: the loss at each rate tried, and a suggested rate.</summary>
public sealed class LearningRateRange
{
    internal LearningRateRange(float[] rates, double[] losses, double[] smoothed, int steepest, int minimum, bool diverged)
    {
        Rates = rates;
        Losses = losses;
        SmoothedLosses = smoothed;
        SuggestedRate = rates[steepest];
        MinimumLossRate = rates[minimum];
        Diverged = diverged;
    }

    /// <summary>The rate of each step taken (growing exponentially).</summary>
    public IReadOnlyList<float> Rates { get; }

    /// <summary>The batch loss of each step, measured before its update (as the network's loss defines it).</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The bias-corrected exponential moving average of <see cref="Losses"/>.</summary>
    public IReadOnlyList<double> SmoothedLosses { get; }

    /// <summary>
    /// The suggestion: the rate where the smoothed loss falls fastest against log(rate), before its minimum (the
    /// "steepest descent" point of Smith's range test, as fastai's <c>lr_find</c> reports it).
    /// </summary>
    public float SuggestedRate { get; }

    /// <summary>The rate with the lowest smoothed loss; a tenth of it is the other common rule of thumb.</summary>
    public float MinimumLossRate { get; }

    /// <summary>Whether the test stopped before its last step because the smoothed loss blew up (or became NaN).</summary>
    public bool Diverged { get; }
}
