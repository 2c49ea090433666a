namespace FastNet.Training;

/// <summary>The function L-BFGS minimises: its value at the parameters and its gradient.</summary>
internal interface ILbfgsObjective
{
    /// <summary>Returns f(x) and writes ∇f(x) into <paramref name="g"/> (both of the parameters' length). Allocates nothing.</summary>
    double Evaluate(ReadOnlySpan<float> x, Span<float> g);
}
