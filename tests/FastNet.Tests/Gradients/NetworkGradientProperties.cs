using FastNet.Training;
using FastNet.Diagnostics;
using FastNet.Tests.Properties;
using FastNet.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Gradients;

/// <summary>
/// For random networks (every activation with every loss it is valid with), the backward pass's gradients of every
/// weight, bias and input equal central differences of the loss in double precision. Replay a failure by pasting the
/// seed FsCheck prints into <c>Replay = "..."</c>.
/// </summary>
/// <remarks>
/// Relu kinks: a coordinate whose ±step puts a relu unit on both sides of zero for some sample is skipped by the
/// checker and counted; the data are continuous, so such coordinates are rare and the property bounds their share.
/// </remarks>
public sealed class NetworkGradientProperties
{
    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void BackwardPassGradientsEqualCentralDifferences(NetworkCase c)
    {
        Network network = c.Build();
        (float[] x, float[] t) = c.Data();
        GradientCheckReport report = GradientCheck.Run(network, x, t);   // every coordinate, default tolerances

        int compared = 0, skipped = 0;
        foreach (TensorGradientCheck tensor in report.Tensors)
        {
            Assert.True(tensor.Passed, $"{c}\n{tensor}");
            compared += tensor.Checked;
            skipped += tensor.Skipped;
        }
        Assert.Equal(2 * c.Layers.Length + 1 - CountNoBias(c), report.Tensors.Count);
        Assert.Equal(ParameterAndInputCount(c), compared + skipped);
        OracleCheck.Close($"{c}: loss", [report.Loss], [report.NetworkLoss], new OracleCheck.Tolerance(1e-6, 1e-4));
        // coordinates whose ±step straddles a relu kink are left out; with continuous random data that is rare
        Assert.True(skipped <= compared / 20, $"{c}: {skipped} of {compared + skipped} coordinates straddled a relu kink");
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void BackwardPassMatchesTheNaiveDoubleReference(NetworkCase c)
    {
        Network network = c.Build();
        (float[] x, float[] t) = c.Data();
        var naive = new NaiveMlp(network);
        (double loss, double[][] dW, double[][] dB, double[] dX) = naive.Gradients(OracleCheck.Widen(x), OracleCheck.Widen(t), c.Batch);
        var step = new TrainingStep(network, c.Batch, new OptimizerOptions());
        float networkLoss = step.ComputeGradients(x, t, inputGradient: true);

        var expected = new List<double>();
        for (int l = 0; l < c.Layers.Length; l++)
        {
            expected.AddRange(dW[l]);
            if (c.Layers[l].Bias) expected.AddRange(dB[l]);
        }
        expected.AddRange(dX);
        float[] actual = [.. step.Gradients, .. step.InputGradient];
        double scale = 0;
        foreach (double g in expected) scale = Math.Max(scale, Math.Abs(g));
        // float32 against double: the loss to 1e-5 relative; gradients to 1e-3 relative plus 1e-4 of the largest
        // gradient, the same reasoning as GradientCheckOptions' defaults (docs/gradient-checking.md)
        OracleCheck.ValueAndGradient(c.ToString(),
            [loss], [networkLoss], new OracleCheck.Tolerance(1e-6, 1e-5),
            [.. expected], actual, new OracleCheck.Tolerance(1e-4 * scale, 1e-3));
    }

    private static int ParameterAndInputCount(NetworkCase c)
    {
        int count = c.Batch * c.Inputs, fanIn = c.Inputs;
        foreach (LayerSpec layer in c.Layers)
        {
            count += fanIn * layer.Units + (layer.Bias ? layer.Units : 0);
            fanIn = layer.Units;
        }
        return count;
    }

    private static int CountNoBias(NetworkCase c)
    {
        int count = 0;
        foreach (LayerSpec layer in c.Layers) if (!layer.Bias) count++;
        return count;
    }
}
