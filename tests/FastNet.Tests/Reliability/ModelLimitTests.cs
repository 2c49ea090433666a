using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>
/// One set of size limits (<see cref="ModelLimits"/>), checked when a network is built: whatever FastNet trains and
/// saves it reads back; weights are written compactly.
/// </summary>
public class ModelLimitTests
{
    [Fact]
    public void TooManyUnitsLayersInputsOrParametersAreRefusedWhenBuilt()
    {
        Assert.Contains("more than 1048576", Assert.Throws<FastNetException>(() =>
            new NetworkBuilder(1).Dense(ModelLimits.MaxWidth + 1, Activation.Identity).Build()).Message);
        Assert.Contains("more than 1048576", Assert.Throws<FastNetException>(() =>
            new NetworkBuilder(ModelLimits.MaxWidth + 1).Dense(1, Activation.Identity).Build()).Message);
        var deep = new NetworkBuilder(1);
        for (int l = 0; l <= ModelLimits.MaxLayers; l++) deep.Dense(1, Activation.Identity);
        Assert.Contains("1025 layers, more than 1024", Assert.Throws<FastNetException>(() => deep.Build()).Message);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<FastNetException>(() =>
            new NetworkBuilder(2).Dense(10000, Activation.Relu).Dense(10000, Activation.Relu).Dense(1, Activation.Identity).Build());
        Assert.Contains("100050001 parameters, more than 33554432", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "refused after allocating the workspace");
    }

    [Fact]
    public void TheCliRefusesTooLargeANetworkBeforeTraining()
    {
        using var folder = new TempFolder();
        var (exit, _, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "10000:relu,10000:relu,1:sigmoid",
            "--epochs", "1", "--out", folder.File("m.json"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --layers: the network has 100050001 parameters", error);
    }

    [Fact]
    public void WeightsAreWrittenCompactlyAndReadBackBitExactly()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(40).Dense(50, Activation.Tanh).Dense(3, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(5).Build();
        string path = folder.File("m.json");
        ModelFile.Save(network, path);
        double bytesPerParameter = (double)new FileInfo(path).Length / network.ParameterCount;
        Assert.True(bytesPerParameter < 13, $"{bytesPerParameter:F1} bytes per parameter");
        Assert.Equal(network.Parameters.ToArray(), ModelFile.Load(path).Parameters.ToArray());
    }
}
