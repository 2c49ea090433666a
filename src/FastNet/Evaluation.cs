namespace FastNet;

/// <summary>How a network does on a dataset.</summary>
/// <param name="Loss">The loss as the network's loss defines it (a sum for sse, a mean otherwise).</param>
/// <param name="Accuracy">The fraction of samples whose predicted class equals the label; null for unlabelled data.</param>
/// <param name="Count">The number of samples.</param>
public readonly record struct Evaluation(double Loss, double? Accuracy, int Count)
{
    /// <summary>Actual × predicted class counts for labelled data; null for regression data.</summary>
    public ConfusionMatrix? Confusion { get; init; }
}
