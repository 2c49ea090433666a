using FastNet.Memory;

namespace FastNet.Model;

/// <summary>
/// Forward, loss and backward of one batch on a training <see cref="ModelPlan"/>: the general per-layer path, or a fast
/// path the plan chose for its shape. Every path leaves the same things behind, so the trainer, the training step and
/// <see cref="Diagnostics.GradientCheck"/> run whichever path the network trains with.
/// </summary>
internal interface IGradientPath
{
    /// <summary>
    /// Returns L for x (batch×inputs) against t (batch×outputs) and leaves ∂L/∂θ in the plan's gradients, a_out in its
    /// output, and, when <paramref name="inputGradient"/>, ∂L/∂x in its input gradient.
    /// </summary>
    float Compute(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, bool inputGradient);
}
