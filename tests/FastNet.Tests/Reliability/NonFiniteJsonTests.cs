using System.CommandLine;
using System.Text.Json;
using FastNet.Cli;
using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>
/// NaN and ±∞ reaching a <c>--json</c> output: every command still prints one whole JSON object, with each non-finite
/// number written as <c>null</c> (as JavaScript's JSON.stringify does), and no exception leaves a command.
/// </summary>
public class NonFiniteJsonTests
{
    // identity output, mse: a target of 1e30 overflows the float loss; a weight of 3e38 overflows the output
    private const string Model = """
        {"format": "fastnet-model", "version": 1, "inputs": 1, "loss": "mse",
         "layers": [{"type": "dense", "units": 1, "activation": "identity", "weights": [[3e38]], "bias": [0]}]}
        """;

    private const string HugeTargets = "{\"features\": [[0], [0]], \"targets\": [[1e30], [-1e30]]}";

    [Fact]
    public void EvalWithAnOverflowingLossPrintsNull()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", Model), data = folder.Write("d.json", HugeTargets);
        JsonElement root = Succeeds("eval", "--model", model, "--data", data, "--json");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("loss").ValueKind);
    }

    [Fact]
    public void PredictWithAnOverflowingOutputPrintsNull()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", Model);
        JsonElement root = Succeeds("predict", "--model", model, "--input", "10", "--json");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("predictions")[0].GetProperty("output")[0].ValueKind);
    }

    [Fact]
    public void GradCheckWithAnOverflowingLossPrintsOneObjectOrOneErrorLine()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", Model), data = folder.Write("d.json", HugeTargets);
        var (exit, output, error) = CliRunner.Run("gradcheck", "--model", model, "--data", data, "--json");
        Assert.True(exit is 0 or 1, error);
        Assert.DoesNotContain("   at ", error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("networkValue").ValueKind);
    }

    [Fact]
    public void TrainWithAnOverflowingValidationLossPrintsItsSummary()
    {
        using var folder = new TempFolder();
        string train = folder.Write("t.json", "{\"features\": [[0], [1]], \"targets\": [[0], [1]]}");
        string validation = folder.Write("v.json", HugeTargets);
        string model = folder.File("m.json");
        JsonElement root = Succeeds("train", "--data", train, "--val-data", validation, "--layers", "1:identity", "--loss", "mse",
            "--epochs", "2", "--out", model, "--json");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("validationLoss").ValueKind);
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void AnUnexpectedExceptionBecomesOneErrorLine()
    {
        var command = new Command("boom");
        CommandAction.Set(command, (_, _) => throw new InvalidOperationException("something\nunforeseen"));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = command.Parse([]).Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        Assert.Equal(1, exit);
        Assert.Equal("", output.ToString());
        Assert.StartsWith("error: internal error (InvalidOperationException): something unforeseen", error.ToString());
        Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
    }

    private static JsonElement Succeeds(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        using JsonDocument json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }
}
