using System.Text.Json;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary><c>fastnet plot</c> writes valid PNGs of data, decision boundaries and loss curves.</summary>
public class PlotCommandTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    [Fact]
    public void DataPicture()
    {
        using var folder = new TempFolder();
        string data = folder.File("s.csv");
        Assert.Equal(0, CliRunner.Run("data", "spirals", "--classes", "3", "--samples", "150", "--out", data).Exit);
        AssertPng(folder, "--data", data, "--title", "three spirals");
    }

    [Fact]
    public void DecisionBoundaryPictureFromJsonAndOnnxModels()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.json"), onnx = folder.File("m.onnx");
        Assert.Equal(0, CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "4:tanh,1:sigmoid", "--epochs", "20", "--out", model, "--quiet").Exit);
        Assert.Equal(0, CliRunner.Run("export", "--model", model, "--onnx", onnx).Exit);
        AssertPng(folder, "--data", TestData.MoonsPath, "--model", model);
        AssertPng(folder, "--data", TestData.MoonsPath, "--model", onnx);
    }

    [Fact]
    public void HistoryPictureReadsTheToleratedShape()
    {
        using var folder = new TempFolder();
        string history = folder.Write("h.json", """
            {"epochs": [{"epoch": 1, "loss": 0.9, "validationLoss": 1.0, "accuracy": 0.5},
                        {"epoch": 2, "loss": 0.5, "validationLoss": null},
                        {"epoch": 3, "loss": 0.25, "validationLoss": 0.4, "accuracy": 0.9, "learningRate": 0.1}],
             "somethingElse": true}
            """);
        AssertPng(folder, "--history", history);
        string trainOnly = folder.Write("t.json", """{"epochs": [{"loss": 1}, {"loss": 0.5}]}""");
        AssertPng(folder, "--history", trainOnly);
        // the training engineer's file: every measurement present or null, plus run-level fields
        string full = folder.Write("f.json", """
            {"epochs": [{"epoch": 1, "loss": 0.7, "accuracy": 0.5, "validationLoss": 0.8, "validationAccuracy": 0.4, "learningRate": 0.1},
                        {"epoch": 2, "loss": null, "accuracy": null, "validationLoss": null, "validationAccuracy": null, "learningRate": 0.05},
                        {"epoch": 3, "loss": 0.3, "accuracy": 0.9, "validationLoss": 0.35, "validationAccuracy": 0.85, "learningRate": 0.05}],
             "bestEpoch": 3, "stoppedEarly": false, "diverged": false, "halvings": 1, "message": null, "milliseconds": 12.5}
            """);
        AssertPng(folder, "--history", full);
    }

    [Theory]
    [InlineData(2, "plot", "--out", "p.png")]
    [InlineData(2, "plot", "--history", "h.json", "--data", "d.json", "--out", "p.png")]
    [InlineData(2, "plot", "--data", "DATA", "--out", "p.jpg")]
    [InlineData(1, "plot", "--history", "h.json", "--out", "p.png")]
    [InlineData(1, "plot", "--data", "three.json", "--model", "m.json", "--out", "p.png")]
    [InlineData(1, "plot", "--data", "one.json", "--out", "p.png")]
    public void BadInputGivesOneErrorLineAndNoPicture(int expectedExit, params string[] args)
    {
        using var folder = new TempFolder();
        folder.Write("h.json", """{"epochs": [{"epoch": 1, "loss": "high"}]}""");
        folder.Write("three.json", """{"features": [[1, 2, 3]], "labels": [0]}""");
        folder.Write("one.json", """{"features": [[1], [2]], "labels": [0, 1]}""");
        Assert.Equal(0, CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "1:sigmoid", "--epochs", "1", "--out", folder.File("m.json"), "--quiet").Exit);
        for (int i = 0; i < args.Length; i++)
            args[i] = args[i] == "DATA" ? TestData.MoonsPath : args[i].Contains('.') && !args[i].StartsWith('-') ? folder.File(args[i]) : args[i];
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(expectedExit, exit);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(folder.File("p.png")));
    }

    [Fact]
    public void MalformedHistoryNamesThePlace()
    {
        using var folder = new TempFolder();
        string history = folder.Write("h.json", """{"epochs": [{"epoch": 1, "loss": "high"}]}""");
        var (_, _, error) = CliRunner.Run("plot", "--history", history, "--out", folder.File("p.png"));
        Assert.Equal($"error: {history}: expected a number, found a string at $.epochs[0].loss", error.TrimEnd());
    }

    private static void AssertPng(TempFolder folder, params string[] args)
    {
        string png = folder.File("picture.png");
        File.Delete(png);
        var (exit, output, error) = CliRunner.Run(["plot", .. args, "--out", png, "--json"]);
        Assert.True(exit == 0, error);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.True(bytes.Length > 5_000, $"only {bytes.Length} bytes");
        Assert.Equal(0x49484452, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12))); // IHDR
        Assert.Equal(800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(bytes.Length, json.RootElement.GetProperty("bytes").GetInt64());
    }
}
