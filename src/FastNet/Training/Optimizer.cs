using System.Numerics.Tensors;

namespace FastNet.Training;

/// <summary>
/// Applies one update to the flat parameter vector from the flat gradient vector (same layout), with any state the
/// rule keeps in the workspace slice it is given. One vectorised pass over all parameters per step.
/// </summary>
internal static class Optimizer
{
    /// <summary>Floats of state per parameter reserved in every workspace, enough for any rule.</summary>
    public const int StatePerParameter = 2;

    public static void Validate(OptimizerOptions options)
    {
        if (!(options.LearningRate > 0f) || !float.IsFinite(options.LearningRate))
            throw new FastNetException($"the learning rate must be a positive finite number, not {options.LearningRate}");
    }

    // w (count) ← update(w, dw (count), state (StatePerParameter·count))
    public static void Step(OptimizerOptions options, float learningRate, Span<float> w, ReadOnlySpan<float> dw, Span<float> state, int step)
    {
        switch (options.Kind)
        {
            case OptimizerKind.Sgd:
                TensorPrimitives.MultiplyAdd(dw, -learningRate, w, w);   // w = dw·(−lr) + w
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown optimizer");
        }
    }
}
