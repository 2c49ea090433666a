using System.Globalization;
using FastNet.Data;

namespace FastNet.Training;

/// <summary>How to train: how long, on which batches, with which update rule, validated how, and what to do on divergence.</summary>
public sealed record TrainingOptions
{
    /// <summary>The number of passes over the data (default 1000).</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>Samples per update; 0 (the default) means the whole dataset in one batch, one update per epoch.</summary>
    public int BatchSize { get; init; }

    /// <summary>Whether mini-batches are drawn from a fresh seeded permutation every epoch (default true); full batches are never shuffled.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed of the shuffling and of the validation split; the same seed gives bit-identical weights.</summary>
    public RandomSeed Seed { get; init; }

    /// <summary>The update rule and learning rate.</summary>
    public OptimizerOptions Optimizer { get; init; } = new();

    /// <summary>How the learning rate changes over the epochs (constant by default).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Fit a z-score standardisation of the features on the training data (after any validation split) and store it in
    /// the network, which then applies it in Predict and Evaluate (and in saved model files). A network that already
    /// standardises keeps its own. Default false.
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>The fraction of the data held out for validation (seeded, stratified by class, in [0, 1); default 0 = none). Not with <see cref="Validation"/>.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>A separate validation dataset (default none). Not with <see cref="ValidationFraction"/>.</summary>
    public Dataset? Validation { get; init; }

    /// <summary>
    /// Early stopping: stop after this many epochs without a lower validation loss, and (with
    /// <see cref="RestoreBestWeights"/>) end with the best epoch's weights. 0 (the default) turns it off; needs validation data.
    /// </summary>
    public int Patience { get; init; }

    /// <summary>With early stopping, end with the weights of the epoch with the lowest validation loss (default true).</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>
    /// Weights per class for labelled data (default none): <see cref="Training.ClassWeights.Balanced"/> or
    /// <see cref="Training.ClassWeights.Of"/>; multiplied with the data's sample weights. Only the training loss is weighted
    /// by class; validation uses the validation data's own sample weights.
    /// </summary>
    public ClassWeights? ClassWeights { get; init; }

    /// <summary>What to do when an epoch ends with a NaN or infinite loss or parameter (default <see cref="DivergencePolicy.Stop"/>).</summary>
    public DivergencePolicy OnDivergence { get; init; } = DivergencePolicy.Stop;

    /// <summary>
    /// Checks every option on its own and against the others (not against a dataset or network: the trainer does that).
    /// </summary>
    /// <exception cref="TrainingOptionException">An option's value cannot be used; <see cref="TrainingOptionException.Option"/> names it.</exception>
    public void Validate()
    {
        if (Epochs < 0) throw Bad(nameof(Epochs), $"must not be negative, not {Epochs}");
        if (BatchSize < 0) throw Bad(nameof(BatchSize), $"must be positive (or 0 for the full batch), not {BatchSize}");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw Bad(nameof(ValidationFraction), $"must be in [0, 1), not {ValidationFraction.ToString(CultureInfo.InvariantCulture)}");
        if (ValidationFraction > 0 && Validation is not null)
            throw Bad(nameof(ValidationFraction), "give a validation fraction or a validation dataset, not both");
        if (Patience < 0) throw Bad(nameof(Patience), $"must not be negative, not {Patience}");
        if (Patience > 0 && ValidationFraction == 0 && Validation is null)
            throw Bad(nameof(Patience), "early stopping needs validation data: a validation fraction or dataset");
        if (!Enum.IsDefined(OnDivergence)) throw Bad(nameof(OnDivergence), $"unknown divergence policy {OnDivergence}");
        Training.Optimizer.Validate(Optimizer);
        if (Optimizer.Kind == OptimizerKind.Rprop && BatchSize != 0)
            throw Bad(nameof(BatchSize), "rprop needs full batches (batch size 0): its steps follow the sign of the whole gradient");
        if (Optimizer.Kind == OptimizerKind.Lbfgs && BatchSize != 0)
            throw Bad(nameof(BatchSize), "lbfgs needs full batches (batch size 0): its line search compares losses of the whole data");
    }

    private static TrainingOptionException Bad(string option, string problem) => new(option, problem);
}
