using System.Runtime.InteropServices;
using FastNet.Training.Rules;

namespace FastNet.Training;

/// <summary>
/// Applies one update to the flat parameter vector from the flat gradient vector (same layout), with any state the
/// rule keeps in the workspace slice it is given: one vectorised pass over all parameters per step, no allocation.
/// </summary>
internal static class Optimizer
{
    /// <summary>The most state vectors any rule keeps (Adam's m and v; iRPROP−'s g′ and Δ).</summary>
    public const int MaxStateVectors = 2;

    /// <summary>How many state vectors (each one float per parameter) the rule keeps: 0 for plain gradient descent, 1 for momentum and Nesterov, 2 for Adam and iRPROP−.</summary>
    public static int StateVectors(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => 0,
        OptimizerKind.Momentum or OptimizerKind.Nesterov => 1,
        _ => 2,
    };

    public static void Validate(OptimizerOptions options)
    {
        if (options is null) throw Bad("", "must not be null");
        if (!Enum.IsDefined(options.Kind)) throw Bad(nameof(options.Kind), $"unknown optimizer {options.Kind}");
        if (!(options.LearningRate > 0f) || !float.IsFinite(options.LearningRate))
            throw Bad(nameof(options.LearningRate), $"the learning rate must be a positive finite number, not {Text(options.LearningRate)}");
        if (!(options.Momentum >= 0f && options.Momentum < 1f))
            throw Bad(nameof(options.Momentum), $"the momentum must be in [0, 1), not {Text(options.Momentum)}");
        if (!(options.Beta1 >= 0f && options.Beta1 < 1f) || !(options.Beta2 >= 0f && options.Beta2 < 1f))
            throw Bad(nameof(options.Beta1), $"Adam's betas must be in [0, 1), not {Text(options.Beta1)} and {Text(options.Beta2)}");
        if (!(options.Epsilon > 0f) || !float.IsFinite(options.Epsilon))
            throw Bad(nameof(options.Epsilon), $"Adam's epsilon must be a positive finite number, not {Text(options.Epsilon)}");
        if (!(options.WeightDecay >= 0f) || !float.IsFinite(options.WeightDecay))
            throw Bad(nameof(options.WeightDecay), $"the weight decay must be a finite number ≥ 0, not {Text(options.WeightDecay)}");
        if (!(options.RpropIncrease > 1f) || !float.IsFinite(options.RpropIncrease) || !(options.RpropDecrease > 0f && options.RpropDecrease < 1f))
            throw Bad(nameof(options.RpropIncrease), $"iRPROP− needs η+ > 1 and 0 < η− < 1, not {Text(options.RpropIncrease)} and {Text(options.RpropDecrease)}");
        if (!(options.RpropMinStep >= 0f) || !(options.RpropMaxStep >= options.RpropMinStep) || !float.IsFinite(options.RpropMaxStep))
            throw Bad(nameof(options.RpropMinStep), $"iRPROP− needs 0 ≤ Δmin ≤ Δmax, not {Text(options.RpropMinStep)} and {Text(options.RpropMaxStep)}");
    }

    private static TrainingOptionException Bad(string property, string problem) =>
        new(property.Length == 0 ? nameof(TrainingOptions.Optimizer) : nameof(TrainingOptions.Optimizer) + "." + property, problem);

    private static string Text(float value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Puts the state (StateVectors·count) back to the start of a run: zeros, and Δ0 = lr for iRPROP−'s steps.</summary>
    public static void Reset(OptimizerOptions options, Span<float> state, float learningRate)
    {
        state.Clear();
        if (options.Kind == OptimizerKind.Rprop) state.Slice(state.Length / 2).Fill(learningRate);
    }

    // w (count) ← update(w, dw (count), state (StateVectors·count)); step counts updates from 1
    public static void Step(OptimizerOptions options, float learningRate, Span<float> w, ReadOnlySpan<float> dw, Span<float> state, int step)
    {
        int n = w.Length;
        if (state.Length != StateVectors(options.Kind) * n)
            throw new ArgumentException($"{options.Kind} keeps {StateVectors(options.Kind)} state vectors of {n}, not {state.Length} floats", nameof(state));
        // A state vector the rule does not keep is never changed by it: the driver loads it and stores it back as it
        // was, so the gradient (same length, read before) stands in for it instead of memory reserved for nothing.
        Span<float> unused = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(dw), n);
        Span<float> s0 = state.Length >= n ? state.Slice(0, n) : unused, s1 = state.Length >= 2 * n ? state.Slice(n, n) : unused;
        float decay = options.WeightDecay;
        switch (options.Kind)
        {
            case OptimizerKind.Sgd:
                UpdateDriver.Run(new SgdRule(learningRate), decay, w, dw, s0, s1);
                break;
            case OptimizerKind.Momentum:
            case OptimizerKind.Nesterov:
                UpdateDriver.Run(new MomentumRule(learningRate, options.Momentum, options.Kind == OptimizerKind.Nesterov), decay, w, dw, s0, s1);
                break;
            case OptimizerKind.Adam:
                UpdateDriver.Run(new AdamRule(learningRate, options.Beta1, options.Beta2, options.Epsilon, step), decay, w, dw, s0, s1);
                break;
            case OptimizerKind.Rprop:
                UpdateDriver.Run(new RpropRule(options.RpropIncrease, options.RpropDecrease, options.RpropMinStep, options.RpropMaxStep), decay, w, dw, s0, s1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown optimizer");
        }
    }
}
