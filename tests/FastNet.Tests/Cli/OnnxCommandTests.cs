using System.Text.Json;
using FastNet.Onnx;
using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary><c>fastnet info</c>, <c>export</c> and <c>import</c> end to end.</summary>
public class OnnxCommandTests
{
    private const string Standardized = """
        {"format": "fastnet-model", "version": 1, "inputs": 2, "loss": "mse",
         "layers": [{"type": "dense", "units": 3, "activation": "relu", "weights": [[1, 2, 3], [4, 5, 6]], "bias": null},
                    {"type": "dense", "units": 1, "activation": "identity", "weights": [[0.5], [-0.25], [0.125]], "bias": [0.1]}],
         "standardize": {"mean": [1.5, -2], "std": [0.5, 4]}}
        """;

    [Fact]
    public void InfoReportsLayersParametersLossStandardisationAndVersion()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", Standardized);
        var (exit, output, error) = CliRunner.Run("info", "--model", model, "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("fastnet-model", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(2, root.GetProperty("inputs").GetInt32());
        Assert.Equal(1, root.GetProperty("outputs").GetInt32());
        Assert.Equal(6 + 4, root.GetProperty("parameters").GetInt32());
        Assert.Equal("mse", root.GetProperty("loss").GetString());
        JsonElement layers = root.GetProperty("layers");
        Assert.Equal(2, layers.GetArrayLength());
        Assert.Equal("relu", layers[0].GetProperty("activation").GetString());
        Assert.False(layers[0].GetProperty("bias").GetBoolean());
        Assert.Equal(6, layers[0].GetProperty("parameters").GetInt32());
        Assert.Equal(4, layers[1].GetProperty("parameters").GetInt32());
        Assert.Equal([1.5, -2], root.GetProperty("standardize").GetProperty("mean").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.5, 4], root.GetProperty("standardize").GetProperty("std").EnumerateArray().Select(e => e.GetDouble()));

        (exit, output, _) = CliRunner.Run("info", "--model", model);
        Assert.Equal(0, exit);
        Assert.Contains("fastnet-model version 1", output);
        Assert.Contains("2-3-1 (relu no bias, identity; mse)", output);
        Assert.Contains("10 parameters", output);
        Assert.Contains("standardisation: (x - mean) / std, mean [1.5, -2], std [0.5, 4]", output);
    }

    [Fact]
    public void InfoWithoutStandardisationSaysNone()
    {
        var (exit, output, _) = CliRunner.Run("info", "--model", WriteSeedModel(out TempFolder folder), "--json");
        using (folder)
        {
            Assert.Equal(0, exit);
            using JsonDocument json = JsonDocument.Parse(output);
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("standardize").ValueKind);
        }
    }

    [Fact]
    public void ExportThenImportKeepsWeightsStandardisationAndPredictions()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", Standardized), onnx = folder.File("m.onnx"), back = folder.File("back.json");
        var (exit, output, error) = CliRunner.Run("export", "--model", model, "--onnx", onnx, "--json");
        Assert.True(exit == 0, error);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            Assert.Equal(17, json.RootElement.GetProperty("opset").GetInt32());
            Assert.True(json.RootElement.GetProperty("standardized").GetBoolean());
        }
        (exit, output, error) = CliRunner.Run("import", "--onnx", onnx, "--out", back, "--json");
        Assert.True(exit == 0, error);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            Assert.Equal("mse", json.RootElement.GetProperty("loss").GetString());
            Assert.True(json.RootElement.GetProperty("standardized").GetBoolean());
        }
        Network original = ModelFile.Load(model), imported = ModelFile.Load(back);
        Assert.Equal(original.Parameters.ToArray(), imported.Parameters.ToArray());
        FastNet.Data.Standardization s = imported.Standardization!;
        Assert.Equal([1.5f, -2f], s.Mean.ToArray());
        Assert.Equal([0.5f, 4f], s.Std.ToArray());
        Assert.Equal(CliRunner.Run("info", "--model", model, "--json").Out.Replace(model, "X"), CliRunner.Run("info", "--model", back, "--json").Out.Replace(back, "X"));
    }

    [Fact]
    public void ImportedModelCanBeFineTuned()
    {
        using var folder = new TempFolder();
        string model = WriteSeedModel(out TempFolder seedFolder), onnx = folder.File("m.onnx"), json = folder.File("m.json");
        using (seedFolder)
        {
            Assert.Equal(0, CliRunner.Run("export", "--model", model, "--onnx", onnx).Exit);
            Assert.Equal(0, CliRunner.Run("import", "--onnx", onnx, "--out", json).Exit);
            var (exit, _, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--init", json, "--epochs", "5", "--out", folder.File("tuned.json"), "--quiet");
            Assert.True(exit == 0, error);
        }
    }

    [Fact]
    public void OnnxModelsAreServedAndFineTunedDirectly()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", Standardized), onnx = folder.File("m.onnx");
        Assert.Equal(0, CliRunner.Run("export", "--model", model, "--onnx", onnx).Exit);
        string fromJson = CliRunner.Run("predict", "--model", model, "--input", "0.5,1", "--input", "-2,3", "--json").Out;
        var (exit, fromOnnx, error) = CliRunner.Run("predict", "--model", onnx, "--input", "0.5,1", "--input", "-2,3", "--json");
        Assert.True(exit == 0, error);
        Assert.Equal(fromJson, fromOnnx);

        string data = folder.Write("r.json", """{"features": [[0, 1], [1, 0], [2, 2]], "targets": [[1], [0], [3]]}""");
        string eval = CliRunner.Run("eval", "--model", model, "--data", data, "--json").Out;
        Assert.Equal(eval, CliRunner.Run("eval", "--model", onnx, "--data", data, "--json").Out);
        (exit, _, error) = CliRunner.Run("train", "--data", data, "--init", onnx, "--epochs", "3", "--lr", "0.01", "--out", folder.File("tuned.json"), "--quiet");
        Assert.True(exit == 0, error);
        Assert.NotNull(ModelFile.Load(folder.File("tuned.json")).Standardization);
    }

    [Fact]
    public void StandardizedTrainingRunsTheSameInOnnxRuntimeAndItsHistoryPlots()
    {
        using var folder = new TempFolder();
        string data = folder.File("blobs.csv"), model = folder.File("m.json"), onnx = folder.File("m.onnx"), history = folder.File("h.json");
        Assert.Equal(0, CliRunner.Run("data", "blobs", "--samples", "120", "--classes", "3", "--features", "4", "--seed", "1", "--out", data).Exit);
        var (exit, _, error) = CliRunner.Run("train", "--data", data, "--layers", "6:tanh,3:softmax", "--loss", "ce", "--standardize",
            "--val-split", "0.25", "--epochs", "30", "--history", history, "--out", model, "--quiet");
        Assert.True(exit == 0, error);
        Assert.Equal(0, CliRunner.Run("export", "--model", model, "--onnx", onnx).Exit);
        Assert.Equal(0, CliRunner.Run("plot", "--history", history, "--out", folder.File("h.png")).Exit);

        Network network = ModelFile.Load(model);
        Assert.NotNull(network.Standardization);
        FastNet.Data.Dataset dataset = FastNet.Data.Dataset.Load(data);
        float[] x = dataset.Features.ToArray();
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        float[] expected = network.Predict(x);
        float[] actual = FastNet.Tests.Onnx.OnnxTestNetworks.RunOnnx(session, x, dataset.Count, 4);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"output {i}: {actual[i]} vs {expected[i]}");
    }

    [Theory]
    [InlineData("export", "--model", "/missing/m.json", "--onnx", "o.onnx")]
    [InlineData("import", "--onnx", "bad.onnx", "--out", "o.json")]
    [InlineData("info", "--model", "bad.onnx")]
    public void BadFilesGiveOneErrorLineAndNoOutput(params string[] args)
    {
        using var folder = new TempFolder();
        folder.Write("bad.onnx", "this is not protobuf \u00ff\u00ff\u00ff");
        for (int i = 0; i < args.Length; i++) if (!args[i].StartsWith('-') && !args[i].StartsWith('/') && args[i].Contains('.')) args[i] = folder.File(args[i]);
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(folder.File("o.onnx")));
        Assert.False(File.Exists(folder.File("o.json")));
    }

    private static string WriteSeedModel(out TempFolder folder)
    {
        folder = new TempFolder();
        string model = folder.File("seed.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "4:sigmoid,1:sigmoid", "--epochs", "10", "--out", model, "--quiet").Exit);
        return model;
    }
}
