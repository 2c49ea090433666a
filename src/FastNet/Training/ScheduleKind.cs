namespace FastNet.Training;

/// <summary>How a <see cref="LearningRateSchedule"/> changes the learning rate from epoch to epoch.</summary>
public enum ScheduleKind
{
    /// <summary>The same rate every epoch.</summary>
    Constant,

    /// <summary>Multiplied by a factor every N epochs (PyTorch's StepLR).</summary>
    Step,

    /// <summary>Multiplied by γ every epoch (PyTorch's ExponentialLR).</summary>
    Exponential,
}
