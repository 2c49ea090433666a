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
