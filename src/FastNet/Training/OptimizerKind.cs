namespace FastNet.Training;

/// <summary>The parameter update rule. g is ∂L/∂w plus the weight decay λ·w when <see cref="OptimizerOptions.WeightDecay"/> is set.</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient descent: w ← w − lr · g.</summary>
    Sgd,

    /// <summary>Heavy-ball momentum as PyTorch writes it: b ← μ·b + g, w ← w − lr · b.</summary>
    Momentum,

    /// <summary>Nesterov momentum as PyTorch writes it: b ← μ·b + g, w ← w − lr · (g + μ·b).</summary>
    Nesterov,

    /// <summary>
    /// Adam (Kingma and Ba; PyTorch's formula and defaults β1 0.9, β2 0.999, ε 1e-8): m ← β1·m + (1−β1)·g,
    /// v ← β2·v + (1−β2)·g², w ← w − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
    /// </summary>
    Adam,

    /// <summary>
    /// iRPROP− (Igel and Hüsken), FANN's default algorithm, full batch only: each weight has its own step Δ that grows by
    /// η+ while the gradient keeps its sign and shrinks by η− when it flips (and then that gradient is forgotten);
    /// w ← w − sign(g)·Δ. The learning rate is the initial step Δ0.
    /// </summary>
    Rprop,

    /// <summary>
    /// Limited-memory BFGS (Nocedal and Wright, Algorithm 7.4), full batch only: a quasi-Newton direction from the last
    /// <see cref="OptimizerOptions.LbfgsHistory"/> steps and gradient changes, and a line search that satisfies the strong
    /// Wolfe conditions, so there is no learning rate to pick. One epoch is one iteration; the run stops by itself when it
    /// converges (<see cref="TrainingHistory.Convergence"/>). scikit-learn's recommendation for small datasets.
    /// </summary>
    Lbfgs,
}
