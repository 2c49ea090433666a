using System.Text.Json;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary>The fastnet command end to end, in-process: JSON output, files written, exit codes for bad input.</summary>
public class CliTests
{
    [Fact]
    public void DemoJsonMeetsTheSeedsThresholdsAndWritesBothPictures()
    {
        using var folder = new TempFolder();
        var (exit, output, error) = CliRunner.Run("demo", "--out", folder.Path, "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("accuracy").GetDouble() >= 0.95);
        Assert.Equal(3000, root.GetProperty("epochs").GetInt32());
        Assert.True(root.GetProperty("microsecondsPerEpoch").GetDouble() > 0);
        Assert.True(root.GetProperty("warmupMilliseconds").GetDouble() > 0, "the loop is compiled on a copy before it is timed");
        JsonElement predictions = root.GetProperty("predictions");
        Assert.Equal([0.0, -0.5], predictions[0].GetProperty("input").EnumerateArray().Select(e => e.GetDouble()));
        Assert.True(predictions[0].GetProperty("output")[0].GetDouble() > 0.9);
        Assert.True(predictions[1].GetProperty("output")[0].GetDouble() < 0.1);
        foreach (string picture in new[] { "moons.png", "decision-boundary.png" })
        {
            byte[] png = File.ReadAllBytes(folder.File(picture));
            Assert.True(png.Length > 10_000, $"{picture} is only {png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
    }

    [Fact]
    public void DemoTextPrintsCostsPredictionsAndTime()
    {
        using var folder = new TempFolder();
        var (exit, output, _) = CliRunner.Run("demo", "--out", folder.Path);
        Assert.Equal(0, exit);
        foreach (string epoch in new[] { "epoch     1 ", "epoch   500 ", "epoch  3000 " }) Assert.Contains(epoch, output);
        Assert.Contains("prediction for (0, -0.5)", output);
        Assert.Matches(@"3000 epochs in [0-9.]+ ms, [0-9.]+ µs/epoch", output);
    }

    [Fact]
    public void DataTrainPredictEvalRoundTrip()
    {
        using var folder = new TempFolder();
        string data = folder.File("moons.json"), model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("data", "moons", "--samples", "200", "--noise", "0.1", "--seed", "3", "--out", data).Exit);

        var (exit, output, error) = CliRunner.Run("train", "--data", data, "--layers", "8:tanh,1:sigmoid", "--loss", "bce",
            "--lr", "1", "--epochs", "1500", "--seed", "2", "--out", model, "--json");
        Assert.True(exit == 0, error);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            Assert.Equal(1500, json.RootElement.GetProperty("epochs").GetInt32());
            Assert.True(json.RootElement.GetProperty("accuracy").GetDouble() >= 0.95);
            Assert.True(json.RootElement.GetProperty("trainMilliseconds").GetDouble() > 0);
            Assert.True(json.RootElement.GetProperty("microsecondsPerEpoch").GetDouble() > 0);
        }

        (exit, output, _) = CliRunner.Run("eval", "--model", model, "--data", data, "--json");
        Assert.Equal(0, exit);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            Assert.Equal(200, json.RootElement.GetProperty("samples").GetInt32());
            Assert.True(json.RootElement.GetProperty("accuracy").GetDouble() >= 0.95);
        }

        (exit, output, _) = CliRunner.Run("predict", "--model", model, "--input", "0,-0.5", "--input", "1,1", "--json");
        Assert.Equal(0, exit);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            JsonElement predictions = json.RootElement.GetProperty("predictions");
            Assert.Equal(2, predictions.GetArrayLength());
            Assert.True(predictions[0].GetProperty("output")[0].GetDouble() > 0.5);
            Assert.True(predictions[1].GetProperty("output")[0].GetDouble() < 0.5);
        }

        // --init continues from the saved weights: a zero-epoch-like short run keeps the accuracy.
        (exit, _, error) = CliRunner.Run("train", "--data", data, "--init", model, "--lr", "0.01", "--epochs", "1", "--out", folder.File("again.json"));
        Assert.True(exit == 0, error);
    }

    [Fact]
    public void SeedFileTrainedFromTheCommandLineMatchesTheDemo()
    {
        using var folder = new TempFolder();
        var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "4:sigmoid,1:sigmoid", "--loss", "sse",
            "--lr", "0.5", "--epochs", "3000", "--seed", "1", "--out", folder.File("m.json"), "--json");
        Assert.True(exit == 0, error);
        var (_, demo, _) = CliRunner.Run("demo", "--out", folder.Path, "--json");
        using JsonDocument a = JsonDocument.Parse(output), b = JsonDocument.Parse(demo);
        Assert.Equal(b.RootElement.GetProperty("loss").GetDouble(), a.RootElement.GetProperty("loss").GetDouble());
    }

    [Theory]
    [InlineData(2, "train", "--data", "x.json")]
    [InlineData(2, "train", "--data", "DATA", "--layers", "4:sigmoid", "--init", "m.json", "--out", "o.json")]
    [InlineData(2, "train", "--data", "DATA", "--layers", "4:wobble", "--out", "o.json")]
    [InlineData(2, "train", "--data", "DATA", "--layers", "1:sigmoid", "--batch", "zero", "--out", "o.json")]
    [InlineData(2, "train", "--data", "DATA", "--layers", "1:sigmoid", "--loss", "hinge", "--out", "o.json")]
    [InlineData(2, "frobnicate")]
    [InlineData(2, "predict", "--model", "m.json", "--input", "1,abc")]
    [InlineData(1, "eval", "--model", "/missing/model.json", "--data", "DATA")]
    [InlineData(1, "train", "--data", "/missing/data.json", "--layers", "1:sigmoid", "--out", "o.json")]
    [InlineData(2, "train", "--data", "DATA", "--layers", "2:softmax", "--loss", "sse", "--out", "o.json")]
    public void BadInputGivesOneErrorLineAndTheRightExitCode(int expectedExit, params string[] args)
    {
        using var folder = new TempFolder();
        for (int i = 0; i < args.Length; i++)
            args[i] = args[i] == "DATA" ? TestData.MoonsPath : args[i].EndsWith(".json") && !args[i].StartsWith('/') ? folder.File(args[i]) : args[i];
        var (exit, output, error) = CliRunner.Run(args);
        Assert.Equal(expectedExit, exit);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(folder.File("o.json")), "no output file after a failure");
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void MalformedDataNamesFileAndPlace()
    {
        using var folder = new TempFolder();
        string data = folder.Write("bad.json", "{\"features\": [[1, 2], [3, 4, 5]], \"labels\": [0, 1]}");
        var (exit, _, error) = CliRunner.Run("train", "--data", data, "--layers", "1:sigmoid", "--out", folder.File("o.json"));
        Assert.Equal(1, exit);
        Assert.Equal($"error: {data}: has 3 numbers, expected 2 at $.features[1]", error.TrimEnd());
    }

    [Fact]
    public void DataThatDoesNotFitTheModelIsRefused()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "2:sigmoid,1:sigmoid", "--epochs", "1", "--out", model).Exit);
        string data = folder.Write("three.json", "{\"features\": [[1, 2, 3]], \"labels\": [0]}");
        var (exit, _, error) = CliRunner.Run("eval", "--model", model, "--data", data);
        Assert.Equal(1, exit);
        Assert.Contains("3 features per sample but the network takes 2", error);
    }
}
