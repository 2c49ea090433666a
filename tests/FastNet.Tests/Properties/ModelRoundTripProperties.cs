using System.Runtime.InteropServices;
using FastNet.Serialization;
using FastNet.Tests.Support;
using FsCheck.Xunit;

namespace FastNet.Tests.Properties;

/// <summary>Any network round-trips bit-exactly through its model file: the same layers, loss, weights and predictions.</summary>
public class ModelRoundTripProperties
{
    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void SaveThenLoadIsBitExact(NetworkCase c)
    {
        Network network = c.Build();
        using var folder = new TempFolder();
        string path = folder.File("model.json");
        ModelFile.Save(network, path);
        Network loaded = ModelFile.Load(path, maxBatch: c.Batch);

        Assert.Equal(network.Inputs, loaded.Inputs);
        Assert.Equal(network.Layers, loaded.Layers);
        Assert.Equal(network.Loss, loaded.Loss);
        Assert.Equal(MemoryMarshal.Cast<float, int>(network.Parameters).ToArray(), MemoryMarshal.Cast<float, int>(loaded.Parameters).ToArray());
        (float[] x, _) = c.Data();
        Assert.Equal(MemoryMarshal.Cast<float, int>(network.Predict(x)).ToArray(), MemoryMarshal.Cast<float, int>(loaded.Predict(x)).ToArray());
    }
}
