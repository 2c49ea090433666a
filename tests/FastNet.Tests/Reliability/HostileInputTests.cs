using System.Text;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>One example of every kind of hostile input, read from a real file: the documented exception, naming file and place.</summary>
public class HostileInputTests
{
    private const string Model = """
        {"format": "fastnet-model", "version": 1, "inputs": 2, "loss": "sse",
         "layers": [{"type": "dense", "units": 2, "activation": "tanh", "weights": [[1, 2], [3, 4]], "bias": [0.5, -0.5]},
                    {"type": "dense", "units": 1, "activation": "sigmoid", "weights": [[1], [-1]], "bias": null}]}
        """;

    [Theory]
    [InlineData("{\"features\": [[1, 2]], \"lab", "invalid JSON", "line 1")]                                     // truncated
    [InlineData("{\"features\": [[1, 2]], \"labels\": [0]]", "invalid JSON", "line 1")]                          // bad syntax
    [InlineData("{\"features\": [[1, 2], \"x\"], \"labels\": [0, 1]}", "expected an array, found a string", "$.features[1]")]
    [InlineData("{\"features\": [[1, 2], [3, true]], \"labels\": [0, 1]}", "expected a number, found true", "$.features[1][1]")]
    [InlineData("{\"features\": [[1, 2], [3, 4, 5]], \"labels\": [0, 1]}", "has 3 numbers, expected 2", "$.features[1]")]  // ragged
    [InlineData("{\"features\": [[1, NaN]], \"labels\": [0]}", "invalid JSON", "line 1")]
    [InlineData("{\"features\": [[1, 1e39]], \"labels\": [0]}", "1e39 is not a finite single-precision number", "$.features[0][1]")]
    [InlineData("{\"features\": [[1, -1e400]], \"labels\": [0]}", "not a finite single-precision number", "$.features[0][1]")]
    [InlineData("{\"features\": [], \"labels\": []}", "has no samples", "$.features")]
    [InlineData("{\"features\": [[]], \"labels\": [0]}", "has no features", "$.features[0]")]
    [InlineData("{\"features\": [[1]], \"targets\": [[]]}", "has no targets", "$.targets[0]")]
    [InlineData("{\"features\": [[1]], \"labels\": [1e30]}", "expected a whole number, found the number 1e30", "$.labels[0]")]
    [InlineData("{\"features\": [[1]], \"labels\": [2000000]}", "2000000 is out of range (0 to 1048576)", "$.labels[0]")]
    [InlineData("{\"features\": [[1]], \"labels\": [0], \"labels\": [1]}", "Duplicate property 'labels'", "")]
    [InlineData("{\"features\": [[1]], \"labels\": [0], \"description\": 7}", "expected a string, found the number 7", "$.description")]
    [InlineData("{}", "missing \"features\"", "at $")]
    [InlineData("[]", "expected an object, found an array", "at $")]
    [InlineData("", "invalid JSON", "")]
    public void HostileDatasetsAreRefused(string content, string problem, string where)
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.json", content);
        AssertRefused(() => Dataset.Load(path), path, problem, where);
    }

    [Fact]
    public void DeepNestingIsRefusedAtTheParserDepthLimit()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.json", "{\"features\": " + new string('[', 10_000) + new string(']', 10_000) + "}");
        AssertRefused(() => Dataset.Load(path), path, "maximum configured depth of 64", "line 1");
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.json");
        File.WriteAllBytes(path, [.. "{\"description\": \""u8, 0xC3, 0x28, .. "\", \"features\": [[1]], \"labels\": [0]}"u8]);
        var e = Assert.Throws<FastNetFormatException>(() => Dataset.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
    }

    [Fact]
    public void FeatureCountAndLabelsThatDoNotFitTheModelNameTheDataFile()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).Build();
        string wide = folder.Write("wide.json", "{\"features\": [[1, 2, 3]], \"labels\": [0]}");
        AssertRefused(() => network.Evaluate(Dataset.Load(wide)), wide, "the data has 3 features per sample but the network takes 2", "");
        string labels = folder.Write("labels.json", "{\"features\": [[1, 2], [3, 4]], \"labels\": [0, 2]}");
        AssertRefused(() => network.Evaluate(Dataset.Load(labels)), labels, "label 2 of sample 1 is outside the network's 2 classes", "");
        string targets = folder.Write("targets.json", "{\"features\": [[1, 2]], \"targets\": [[1, 2]]}");
        AssertRefused(() => network.Train(Dataset.Load(targets), new FastNet.Training.TrainingOptions { Epochs = 1 }), targets,
            "the data has 2 targets per sample but the network has 1 outputs", "");
    }

    [Theory]
    [InlineData("\"version\": 1", "\"version\": 2", "is 2, newer than this FastNet reads (1); upgrade FastNet", "$.version")]
    [InlineData("\"version\": 1", "\"version\": \"1\"", "expected a whole number, found a string", "$.version")]
    [InlineData("\"inputs\": 2", "\"inputs\": 2.5", "expected a whole number, found the number 2.5", "$.inputs")]
    [InlineData("[[1], [-1]]", "[[1], [NaN]]", "invalid JSON", "line 3")]
    [InlineData("[[1], [-1]]", "[[1], [-3.5e38]]", "not a finite single-precision number", "$.layers[1].weights[1][0]")]
    [InlineData("[[1], [-1]]", "[[1], [-1, 2]]", "has 2 numbers, expected 1", "$.layers[1].weights[1]")]
    [InlineData("[[1], [-1]]", "[[1, 2], [-1, 2]]", "has 2 numbers, expected 1", "$.layers[1].weights[0]")]
    [InlineData("[0.5, -0.5]", "[0.5]", "has 1 numbers, expected 2", "$.layers[0].bias")]
    [InlineData("[0.5, -0.5]", "{\"a\": 1}", "expected an array, found an object", "$.layers[0].bias")]
    [InlineData("\"sigmoid\"", "\"sig\\nmoid\"", "unknown activation \"sig\\u000amoid\"", "$.layers[1].activation")]
    [InlineData("\"loss\": \"sse\"", "\"loss\": \"hinge\"", "unknown loss \"hinge\"", "$.loss")]
    [InlineData("\"type\": \"dense\", \"units\": 2", "\"type\": \"lstm\", \"units\": 2", "unknown layer type \"lstm\" (dense)", "$.layers[0].type")]
    [InlineData("\"units\": 1,", "\"units\": 0,", "0 is out of range (1 to 1048576)", "$.layers[1].units")]
    [InlineData("\"loss\": \"sse\"", "\"loss\": \"ce\"", "the ce loss needs a softmax output layer", "at $")]
    public void HostileModelsAreRefused(string find, string replace, string problem, string where)
    {
        using var folder = new TempFolder();
        Assert.Contains(find, Model);
        string path = folder.Write("model.json", Model.Replace(find, replace));
        AssertRefused(() => ModelFile.Load(path), path, problem, where);
    }

    [Fact]
    public void AbsurdDeclaredSizesAreRefusedBeforeAnythingIsAllocated()
    {
        using var folder = new TempFolder();
        // 10^6 × 10^6 weights declared, one number present.
        string model = folder.Write("huge.json", """
            {"format": "fastnet-model", "version": 1, "inputs": 1000000,
             "layers": [{"units": 1000000, "activation": "identity", "weights": [[1]], "bias": null}]}
            """);
        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(() => ModelFile.Load(model), model, "has 1 rows, expected 1000000", "$.layers[0].weights");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the loader allocated for the declared size");

        // A first row of 100,000 features followed by 100,000 empty rows would be 10^10 floats if sized from row 0.
        var text = new StringBuilder("{\"labels\": [], \"features\": [[");
        text.Append(string.Join(',', Enumerable.Repeat("1", 100_000))).Append(']');
        for (int i = 0; i < 100_000; i++) text.Append(",[]");
        text.Append("]}");
        string data = folder.Write("ragged.json", text.ToString());
        before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(() => Dataset.Load(data), data, "has 0 numbers, expected 100000", "$.features[1]");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "the loader allocated for the declared size");
    }

    [Fact]
    public void BadInputInTheCliIsOneLineOnStderrAndExitCodeOne()
    {
        using var folder = new TempFolder();
        string model = folder.Write("model.json", Model.Replace("[[1], [-1]]", "[[1], [1e39]]"));
        var (exit, output, error) = CliRunner.Run("predict", "--model", model, "--input", "1,2");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {model}: 1e39 is not a finite single-precision number at $.layers[1].weights[1][0]", error.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("1,2,0\n3,0\n", "has 2 values, expected 3", "line 2")]                                          // ragged
    [InlineData("1,NaN,0\n", "NaN is not a finite single-precision number", "line 1, column 2")]
    [InlineData("1,1e39,0\n", "1e39 is not a finite single-precision number", "line 1, column 2")]
    [InlineData("x,y,label\n1,a\u0001b\tc,0\n", "\"a\\u0001b\\u0009c\" is not a number", "line 2, column 2 (y)")]
    [InlineData("x,y,label\n", "has a header but no samples", "")]
    [InlineData("", "is empty", "")]
    [InlineData("1,\"2,0\n", "has a stray double quote", "line 1, column 2")]
    public void HostileCsvDatasetsAreRefused(string content, string problem, string where)
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.csv", content);
        AssertRefused(() => Dataset.Load(path), path, problem, where);
    }

    [Fact]
    public void CsvLabelsTheModelCannotLearnNameTheFile()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.csv", "1,2,0\n3,4,2\n");
        Network network = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).Build();
        AssertRefused(() => network.Evaluate(Dataset.Load(path)), path, "label 2 of sample 1 is outside the network's 2 classes", "");
    }

    [Fact]
    public void DamagedOrAbsurdOnnxFilesAreRefusedBeforeAllocating()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(2).Dense(3, Activation.Tanh).Dense(1, Activation.Sigmoid).Build();
        byte[] valid = Google.Protobuf.MessageExtensions.ToByteArray(FastNet.Onnx.OnnxExport.ToModel(network));
        string truncated = folder.File("truncated.onnx");
        File.WriteAllBytes(truncated, valid[..(valid.Length / 2)]);
        AssertRefused(() => FastNet.Onnx.OnnxImport.Load(truncated), truncated, "not an ONNX model", "");

        // The first weight matrix declares 10^6 × 10^6 floats and holds 6.
        global::Onnx.ModelProto model = FastNet.Onnx.OnnxExport.ToModel(network);
        global::Onnx.TensorProto weights = model.Graph.Initializer[0];
        weights.Dims.Clear();
        weights.Dims.Add(1_000_000);
        weights.Dims.Add(1_000_000);
        string huge = folder.File("huge.onnx");
        File.WriteAllBytes(huge, Google.Protobuf.MessageExtensions.ToByteArray(model));
        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(() => FastNet.Onnx.OnnxImport.Load(huge), huge, "too many", "node 0");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the importer allocated for the declared size");
    }

    [Fact]
    public void AnAbsurdSampleCountForTheGeneratorIsRefused()
    {
        using var folder = new TempFolder();
        var (exit, _, error) = CliRunner.Run("data", "moons", "--samples", "2000000000", "--out", folder.File("m.json"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --samples: moons makes at most 100000000 samples, not 2000000000", error.TrimEnd());
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\0name.json")]
    public void InvalidFileNamesAreFileErrors(string name)
    {
        var e = Assert.Throws<FastNetFormatException>(() => Dataset.Load(name));
        Assert.Equal($"{name}: is not a valid file name", e.Message);
        Assert.Throws<FastNetFormatException>(() => ModelFile.Load(name));
        Network network = new NetworkBuilder(1).Dense(1, Activation.Identity).Build();
        Assert.Equal($"{name}: cannot write, not a valid file name", Assert.Throws<FastNetException>(() => ModelFile.Save(network, name)).Message);
    }

    private static void AssertRefused(Action load, string path, string problem, string where)
    {
        var e = Assert.Throws<FastNetFormatException>(load);
        Assert.Equal(path, e.File);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains(where, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
