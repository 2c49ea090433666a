namespace FastNet.Training;

/// <summary>
/// A <see cref="TrainingOptions"/> value that cannot be used, thrown by <see cref="TrainingOptions.Validate"/>: the
/// message starts with the option's name (<c>Optimizer.LearningRate: must be a positive finite number, not NaN</c>).
/// </summary>
public sealed class TrainingOptionException : FastNetException
{
    /// <summary>Creates the exception for <paramref name="option"/> with what is wrong with its value.</summary>
    public TrainingOptionException(string option, string problem) : base($"{option}: {problem}")
    {
        Option = option;
        Problem = problem;
    }

    /// <summary>The option's property path in <see cref="TrainingOptions"/>, e.g. <c>Epochs</c> or <c>Optimizer.LearningRate</c>.</summary>
    public string Option { get; }

    /// <summary>What is wrong with the value, without the option's name.</summary>
    public string Problem { get; }
}
