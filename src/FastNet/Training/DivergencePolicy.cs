namespace FastNet.Training;

/// <summary>What training does when an epoch ends with a loss or a parameter that is NaN or infinite.</summary>
public enum DivergencePolicy
{
    /// <summary>Stop, and put back the parameters of the last epoch that ended finite (the default).</summary>
    Stop,

    /// <summary>
    /// Put back the last good parameters, halve the learning rate, reset the optimizer state and run the epoch again
    /// (with the same shuffle); give up as <see cref="Stop"/> does after <see cref="Trainer.MaxHalvings"/> halvings.
    /// </summary>
    Halve,
}
