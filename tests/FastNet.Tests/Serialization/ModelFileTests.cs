using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Serialization;

public class ModelFileTests
{
    private const string Valid = """
        {"format": "fastnet-model", "version": 1, "inputs": 2, "loss": "sse", "extra": {"ignored": true},
         "layers": [{"type": "dense", "units": 2, "activation": "tanh", "weights": [[1, 2], [3, 4]], "bias": [0.5, -0.5]},
                    {"type": "dense", "units": 1, "activation": "identity", "weights": [[1], [-1]], "bias": null}]}
        """;

    [Fact]
    public void SaveThenLoadIsBitExact()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(5).Dense(7, Activation.Relu).Dense(3, Activation.Tanh, bias: false).Dense(4, Activation.Softmax)
            .WithLoss(Loss.CrossEntropy).WithSeed(11).Build();
        // Values that stress shortest round-trip formatting.
        network.Weights(0)[0] = float.Epsilon;
        network.Weights(0)[1] = float.MaxValue;
        network.Weights(0)[2] = -0.1f;
        network.Bias(0)[0] = 1f / 3f;
        string path = folder.File("model.json");
        ModelFile.Save(network, path);
        Network loaded = ModelFile.Load(path);

        Assert.Equal(network.Layers, loaded.Layers);
        Assert.Equal(network.Loss, loaded.Loss);
        Assert.Equal(network.Inputs, loaded.Inputs);
        Assert.Equal(Bits(network.Parameters), Bits(loaded.Parameters));
        float[] x = TestData.Uniform(5 * 3, 2);
        Assert.Equal(network.Predict(x), loaded.Predict(x));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void HandWrittenModelComputesXTimesWPlusB()
    {
        using var folder = new TempFolder();
        Network network = ModelFile.Load(folder.Write("m.json", Valid));
        // hidden = tanh([1, 1]·[[1, 2], [3, 4]] + [0.5, -0.5]) = tanh([4.5, 5.5]); out = h0 − h1
        float[] y = network.Predict([1f, 1f]);
        Assert.Equal(MathF.Tanh(4.5f) - MathF.Tanh(5.5f), y[0], 1e-6f);
        Assert.False(network.Layers[1].Bias);
    }

    [Fact]
    public void MissingLossMeansSse()
    {
        using var folder = new TempFolder();
        Network network = ModelFile.Load(folder.Write("m.json", Valid.Replace("\"loss\": \"sse\",", "")));
        Assert.Equal(Loss.Sse, network.Loss);
    }

    [Theory]
    [InlineData("{\"format\": \"fastnet-model\", \"version\": 1,", "invalid JSON", "line 1")]
    [InlineData("[1, 2]", "expected an object, found an array", "at $")]
    [InlineData("{\"format\": \"other\", \"version\": 1, \"inputs\": 2, \"layers\": []}", "expected \"fastnet-model\"", "$.format")]
    [InlineData("{\"format\": \"fastnet-model\", \"version\": 99, \"inputs\": 2, \"layers\": []}", "newer than this FastNet reads", "$.version")]
    [InlineData("{\"format\": \"fastnet-model\", \"version\": 1, \"inputs\": 2, \"layers\": []}", "has no layers", "$.layers")]
    [InlineData("{\"format\": \"fastnet-model\", \"version\": 1, \"inputs\": 2000000000, \"layers\": []}", "out of range", "$.inputs")]
    public void MalformedModelsAreRefusedWithFileAndPlace(string content, string problem, string where)
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.json", content);
        var e = Assert.Throws<FastNetFormatException>(() => ModelFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains(where, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("\"activation\": \"tanh\"", "\"activation\": \"swish\"", "unknown activation \"swish\"", "$.layers[0].activation")]
    [InlineData("\"loss\": \"sse\"", "\"loss\": \"hinge\"", "unknown loss \"hinge\"", "$.loss")]
    [InlineData("[[1, 2], [3, 4]]", "[[1, 2], [3, 4], [5, 6]]", "has 3 rows, expected 2", "$.layers[0].weights")]
    [InlineData("[[1, 2], [3, 4]]", "[[1, 2], [3]]", "has 1 numbers, expected 2", "$.layers[0].weights[1]")]
    [InlineData("[[1, 2], [3, 4]]", "[[1, 2], [3, \"4\"]]", "expected a number, found a string", "$.layers[0].weights[1][1]")]
    [InlineData("[[1, 2], [3, 4]]", "[[1, 2], [3, 1e39]]", "not a finite single-precision number", "$.layers[0].weights[1][1]")]
    [InlineData("\"units\": 2,", "\"units\": 2, \"units\": 3,", "invalid JSON", "Duplicate property 'units'")]
    [InlineData("\"type\": \"dense\", \"units\": 2", "\"type\": \"conv\", \"units\": 2", "unknown layer type \"conv\"", "$.layers[0].type")]
    public void BadLayerContentNamesTheJsonPath(string find, string replace, string problem, string where)
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.json", Valid.Replace(find, replace));
        var e = Assert.Throws<FastNetFormatException>(() => ModelFile.Load(path));
        Assert.Contains(problem, e.Message);
        Assert.Contains(where, e.Message);
    }

    [Fact]
    public void MissingFileIsAFormatErrorNamingTheFile()
    {
        var e = Assert.Throws<FastNetFormatException>(() => ModelFile.Load("/nonexistent/model.json"));
        Assert.Equal("/nonexistent/model.json: file not found", e.Message);
    }

    [Fact]
    public void SaveIntoAMissingFolderFailsWithoutLeavingFiles()
    {
        Network network = new NetworkBuilder(1).Dense(1, Activation.Identity).Build();
        var e = Assert.Throws<FastNetException>(() => ModelFile.Save(network, "/nonexistent-folder/m.json"));
        Assert.Contains("does not exist", e.Message);
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
