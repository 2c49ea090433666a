using System.Text.Json;
using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary><c>fastnet gradcheck</c>: the table, the JSON object, and exit codes 0 (all pass), 1 (a failure or bad input), 2 (usage).</summary>
public class GradCheckCommandTests
{
    private static string SeedModel(TempFolder folder)
    {
        string model = folder.File("seed.json");
        ModelFile.Save(new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithSeed(1).Build(), model);
        return model;
    }

    [Fact]
    public void JsonReportsEveryTensorOfTheSeedNetworkAsPassed()
    {
        using var folder = new TempFolder();
        var (exit, output, error) = CliRunner.Run("gradcheck", "--model", SeedModel(folder), "--data", TestData.MoonsPath, "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal("sse", root.GetProperty("loss").GetString());
        Assert.Equal(100, root.GetProperty("samples").GetInt32());
        JsonElement[] tensors = [.. root.GetProperty("tensors").EnumerateArray()];
        Assert.Equal(["layer 0 weights", "layer 0 bias", "layer 1 weights", "layer 1 bias", "input"], tensors.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([8, 4, 4, 1, 200], tensors.Select(t => t.GetProperty("checked").GetInt32()));
        foreach (JsonElement t in tensors)
        {
            Assert.True(t.GetProperty("passed").GetBoolean());
            JsonElement worst = t.GetProperty("worst");
            double difference = Math.Abs(worst.GetProperty("analytic").GetDouble() - worst.GetProperty("numeric").GetDouble());
            Assert.True(difference <= worst.GetProperty("tolerance").GetDouble());
        }
    }

    [Fact]
    public void SamplesLimitTheCoordinatesAndTheTablePrintsOneRowPerTensor()
    {
        using var folder = new TempFolder();
        var (exit, output, _) = CliRunner.Run("gradcheck", "--model", SeedModel(folder), "--data", TestData.MoonsPath, "--samples", "3", "--seed", "4");
        Assert.Equal(0, exit);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("100 samples, sse loss", lines[0]);
        Assert.Matches(@"^layer 0 weights\s+2×4\s+3\s+0\s", lines[2]);
        Assert.Matches(@"^layer 1 bias\s+1×1\s+1\s+0\s", lines[5]);
        Assert.Matches(@"^input\s+100×2\s+3\s+0\s.*ok$", lines[6]);
        Assert.Equal("passed", lines[^1]);
    }

    [Fact]
    public void AGradientFloat32CannotResolveFailsWithExitCodeOne()
    {
        // σ(20) rounds to 1 in float32, so the backward pass returns exactly 0 where the true gradient is about 2e-9
        using var folder = new TempFolder();
        string model = folder.Write("saturated.json", """
            {"format": "fastnet-model", "version": 1, "inputs": 1, "loss": "sse",
             "layers": [{"type": "dense", "units": 1, "activation": "sigmoid", "weights": [[20]], "bias": [0]}]}
            """);
        string data = folder.Write("one.json", """{"features": [[1]], "labels": [0]}""");
        var (exit, output, _) = CliRunner.Run("gradcheck", "--model", model, "--data", data, "--json");
        Assert.Equal(1, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
        JsonElement weights = json.RootElement.GetProperty("tensors")[0];
        Assert.False(weights.GetProperty("passed").GetBoolean());
        Assert.Equal(0, weights.GetProperty("worst").GetProperty("analytic").GetDouble());
        Assert.InRange(weights.GetProperty("worst").GetProperty("numeric").GetDouble(), 1.9e-9, 2.2e-9);   // σ′(20) = e⁻²⁰/(1 + e⁻²⁰)²
    }

    [Theory]
    [InlineData(2, "--samples", "0")]
    [InlineData(2, "--samples", "many")]
    [InlineData(1, "--data", "/missing/data.json")]
    public void BadArgumentsGiveOneErrorLineAndTheRightExitCode(int expected, string option, string value)
    {
        using var folder = new TempFolder();
        string[] args = ["gradcheck", "--model", SeedModel(folder), "--data", TestData.MoonsPath];
        args = option == "--data" ? ["gradcheck", "--model", args[2], "--data", value] : [.. args, option, value];
        var (exit, output, error) = CliRunner.Run(args);
        Assert.Equal(expected, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void DataThatDoesNotFitTheModelNamesTheDataFile()
    {
        using var folder = new TempFolder();
        string data = folder.Write("three.json", """{"features": [[1, 2, 3]], "labels": [0]}""");
        var (exit, _, error) = CliRunner.Run("gradcheck", "--model", SeedModel(folder), "--data", data);
        Assert.Equal(1, exit);
        Assert.Contains("three.json", error);
        Assert.Contains("3 features", error);
    }
}
