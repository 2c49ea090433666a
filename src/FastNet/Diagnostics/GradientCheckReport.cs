using System.Globalization;
using System.Text;

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

    /// <summary>
    /// A fixed-width table for a person: a headline with the verdict, the sample count and both loss values, then one row
    /// per coordinate among each tensor's <see cref="TensorGradientCheck.WorstCoordinates"/> — failing tensors first, worst
    /// first — with its position, analytic and numeric values, error, tolerance and error/tolerance, then one line per
    /// tensor that passed.
    /// </summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        int failed = 0;
        foreach (TensorGradientCheck tensor in Tensors) if (!tensor.Passed) failed++;
        text.Append(Invariant($"gradient check {(failed == 0 ? "passed" : "FAILED")}: {failed} of {Tensors.Count} tensors outside tolerance; "))
            .Append(Invariant($"{Samples} samples, loss {Loss:G9} (double), {NetworkLoss:G9} (float32)")).AppendLine();
        text.Append(Invariant($"allowed error {Options.RelativeTolerance:G3}·|numeric| + {Options.AbsoluteTolerance:G3}·S + {Options.FloorTolerance:G3}·{Scale:G3}, step {Options.Step:G3}")).AppendLine();
        text.AppendLine("tensor            coordinate         analytic           numeric      error  tolerance  error/tol");
        foreach (bool failing in (ReadOnlySpan<bool>)[true, false])
            foreach (TensorGradientCheck tensor in Tensors)
            {
                if (tensor.Passed == failing || tensor.WorstCoordinates.Count == 0) continue;
                int rows = failing ? tensor.WorstCoordinates.Count : 1;   // a passing tensor: its worst coordinate only
                for (int i = 0; i < rows; i++)
                {
                    GradientDifference d = tensor.WorstCoordinates[i];
                    (int row, int column) = tensor.Position(d.Index);
                    text.Append(Invariant($"{(i == 0 ? tensor.Name : ""),-17} {$"[{row},{column}]",-12} {d.Analytic,16:G9} {d.Numeric,17:G9} {d.AbsoluteError,10:G3} {d.Tolerance,10:G3} {d.ErrorRatio,10:G3}"))
                        .AppendLine(d.Passed ? "" : "  FAILED");
                }
            }
        foreach (TensorGradientCheck tensor in Tensors)
            if (tensor.WorstCoordinates.Count == 0) text.AppendLine(Invariant($"{tensor.Name,-17} nothing compared ({tensor.Skipped} skipped at a relu kink)"));
        return text.ToString();
    }

    /// <summary>Throws a <see cref="GradientCheckException"/> whose message is <see cref="ToTable"/> unless every tensor passed.</summary>
    /// <exception cref="GradientCheckException">A tensor's gradient is outside the tolerance.</exception>
    public void ThrowIfFailed()
    {
        if (!Passed) throw new GradientCheckException(this);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
