namespace FastNet.Diagnostics;

/// <summary>The result of a gradient check: one entry per tensor and an overall verdict.</summary>
public sealed class GradientCheckReport
{
    internal GradientCheckReport(IReadOnlyList<TensorGradientCheck> tensors, int samples, double loss, double networkLoss,
        double scale, GradientCheckOptions options)
    {
        Scale = scale;
        Tensors = tensors;
        Samples = samples;
        Loss = loss;
        NetworkLoss = networkLoss;
        Options = options;
    }

    /// <summary>
    /// The tensors in order: for a network, layer 0's weights and bias (when it has one), layer 1's, ..., then the input;
    /// for <see cref="GradientCheck.Compare"/>, the one point.
    /// </summary>
    public IReadOnlyList<TensorGradientCheck> Tensors { get; }

    /// <summary>Whether every tensor passed.</summary>
    public bool Passed
    {
        get
        {
            foreach (TensorGradientCheck tensor in Tensors) if (!tensor.Passed) return false;
            return true;
        }
    }

    /// <summary>The number of samples the loss is taken over (1 for <see cref="GradientCheck.Compare"/>).</summary>
    public int Samples { get; }

    /// <summary>The loss at the checked point, evaluated in double precision.</summary>
    public double Loss { get; }

    /// <summary>The loss as the network computes it in float32 during its backward pass (equal to <see cref="Loss"/> for <see cref="GradientCheck.Compare"/>).</summary>
    public double NetworkLoss { get; }

    /// <summary>
    /// The largest |numeric| compared in any tensor; <see cref="GradientCheckOptions.FloorTolerance"/> is a fraction of
    /// it.
    /// </summary>
    public double Scale { get; }

    /// <summary>The options the check ran with.</summary>
    public GradientCheckOptions Options { get; }
}
