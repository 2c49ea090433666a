namespace FastNet;

/// <summary>How a network does on a dataset.</summary>
/// <param name="Loss">The loss as the network's loss defines it (a sum for sse, a mean otherwise).</param>
/// <param name="Accuracy">The fraction of samples whose predicted class equals the label; null for unlabelled data.</param>
/// <param name="Count">The number of samples.</param>
public readonly record struct Evaluation(double Loss, double? Accuracy, int Count)
{
    /// <summary>
    /// Actual × predicted class counts for labelled data, with per-class precision, recall and F1 and their macro
    /// averages; null for regression data.
    /// </summary>
    public ConfusionMatrix? Confusion { get; init; }

    /// <summary>
    /// scikit-learn's log_loss of the class probabilities (see <see cref="FastNet.LogLoss"/>) for labelled data and a
    /// network with probability outputs (softmax, or one sigmoid unit); null otherwise.
    /// </summary>
    public double? LogLoss { get; init; }

    /// <summary>MSE, RMSE, MAE and R² of the outputs against the targets for regression data; null for labelled data.</summary>
    public RegressionMetrics? Regression { get; init; }
}
