using System.Text.Json;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary>The training options of <c>fastnet train</c> and the confusion matrix of <c>fastnet eval</c>, end to end.</summary>
public class TrainingCommandTests
{
    [Fact]
    public void AdamWithValidationEarlyStoppingStandardisationAndHistory()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.json"), history = folder.File("h.json");
        var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "16:relu,2:softmax", "--loss", "ce",
            "--optimizer", "adam", "--lr", "0.02", "--batch", "10", "--epochs", "400", "--val-split", "0.3", "--patience", "15",
            "--standardize", "--lr-decay", "exp:0.999", "--weight-decay", "0.0001", "--seed", "3", "--out", model, "--history", history, "--json");
        Assert.True(exit == 0, error);
        Assert.Empty(error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("accuracy").GetDouble() >= 0.95);
        Assert.True(root.GetProperty("validationAccuracy").GetDouble() >= 0.9);
        Assert.Equal("adam", root.GetProperty("optimizer").GetString());
        Assert.False(root.GetProperty("diverged").GetBoolean());
        int epochs = root.GetProperty("epochs").GetInt32();
        int best = root.GetProperty("bestEpoch").GetInt32();
        Assert.InRange(best, 1, epochs);
        if (root.GetProperty("stoppedEarly").GetBoolean()) Assert.Equal(best + 15, epochs);

        using JsonDocument h = JsonDocument.Parse(File.ReadAllText(history));
        JsonElement records = h.RootElement.GetProperty("epochs");
        Assert.Equal(epochs, records.GetArrayLength());
        JsonElement first = records[0];
        Assert.Equal(1, first.GetProperty("epoch").GetInt32());
        foreach (string field in new[] { "loss", "accuracy", "validationLoss", "validationAccuracy" })
            Assert.Equal(JsonValueKind.Number, first.GetProperty(field).ValueKind);
        Assert.Equal(0.02f * 0.999f, records[1].GetProperty("learningRate").GetSingle(), 1e-8f);
        Assert.Equal(best, h.RootElement.GetProperty("bestEpoch").GetInt32());
        Assert.Contains("\"standardize\"", File.ReadAllText(model));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("sgd", "full")]
    [InlineData("momentum", "20")]
    [InlineData("nesterov", "20")]
    [InlineData("rprop", "full")]
    public void EveryOptimizerTrainsFromTheCommandLine(string optimizer, string batch)
    {
        using var folder = new TempFolder();
        var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "8:tanh,1:sigmoid", "--loss", "bce",
            "--optimizer", optimizer, "--lr", optimizer == "sgd" ? "2" : "0.1", "--batch", batch, "--epochs", "500", "--out", folder.File("m.json"), "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("accuracy").GetDouble() >= 0.95, output);
    }

    [Fact]
    public void ADivergentRunWarnsSavesTheLastGoodFiniteWeightsAndReportsIt()
    {
        using var folder = new TempFolder();
        string data = folder.Write("line.json", "{\"features\": [[0, 1], [1, 0], [1, 1], [2, 1], [0.5, -1]], \"targets\": [[-2], [3], [1], [4], [3.5]]}");
        string model = folder.File("m.json");
        var (exit, output, error) = CliRunner.Run("train", "--data", data, "--layers", "4:identity,1:identity", "--loss", "mse",
            "--lr", "100", "--epochs", "100", "--out", model, "--json");
        Assert.Equal(0, exit);
        Assert.StartsWith("warning: training diverged at epoch ", error);
        Assert.Contains("smaller learning rate", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("diverged").GetBoolean());
        Assert.Contains("kept", json.RootElement.GetProperty("message").GetString());
        string text = File.ReadAllText(model);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        Assert.Equal(0, CliRunner.Run("eval", "--model", model, "--data", data).Exit);
    }

    [Fact]
    public void EvalPrintsAccuracyAndAConfusionMatrix()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "8:tanh,1:sigmoid", "--loss", "bce",
            "--lr", "2", "--epochs", "300", "--out", model).Exit);
        var (exit, output, error) = CliRunner.Run("eval", "--model", model, "--data", TestData.MoonsPath, "--json");
        Assert.True(exit == 0, error);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            JsonElement confusion = json.RootElement.GetProperty("confusion");
            Assert.Equal(2, confusion.GetArrayLength());
            int total = 0, diagonal = 0;
            for (int a = 0; a < 2; a++)
                for (int p = 0; p < 2; p++)
                {
                    int n = confusion[a][p].GetInt32();
                    total += n;
                    if (a == p) diagonal += n;
                }
            Assert.Equal(100, total);
            Assert.Equal(json.RootElement.GetProperty("accuracy").GetDouble(), diagonal / 100.0, 12);
            Assert.Equal(50, confusion[0][0].GetInt32() + confusion[0][1].GetInt32());
        }

        (exit, output, _) = CliRunner.Run("eval", "--model", model, "--data", TestData.MoonsPath);
        Assert.Equal(0, exit);
        Assert.Contains("confusion matrix (rows: actual class, columns: predicted class)", output);
        Assert.Matches(@"\n\s+0\s+\d+\s+\d+\r?\n\s+1\s+\d+\s+\d+", output);
    }

    [Theory]
    [InlineData("--optimizer", "--optimizer", "adagrad")]
    [InlineData("--momentum", "--optimizer", "momentum", "--momentum", "1.5")]
    [InlineData("--momentum", "--optimizer", "adam", "--momentum", "0.9")]
    [InlineData("--weight-decay", "--weight-decay", "-1")]
    [InlineData("--lr", "--lr", "0")]
    [InlineData("--val-split", "--val-split", "1.5")]
    [InlineData("--val-split and --val-data", "--val-split", "0.2", "--val-data", "DATA")]
    [InlineData("--patience", "--patience", "0", "--val-split", "0.2")]
    [InlineData("--patience: early stopping needs validation data", "--patience", "5")]
    [InlineData("--lr-decay", "--lr-decay", "step:0:0.5")]
    [InlineData("--lr-decay", "--lr-decay", "exp:2")]
    [InlineData("--lr-decay", "--lr-decay", "cosine")]
    [InlineData("--on-divergence", "--on-divergence", "ignore")]
    [InlineData("--batch: rprop needs full batches", "--optimizer", "rprop", "--batch", "10")]
    public void BadTrainingOptionsAreUsageErrorsNamingTheOption(string expected, params string[] options)
    {
        using var folder = new TempFolder();
        var args = new List<string> { "train", "--data", TestData.MoonsPath, "--layers", "4:tanh,1:sigmoid", "--epochs", "2", "--out", folder.File("o.json") };
        foreach (string option in options) args.Add(option == "DATA" ? TestData.MoonsPath : option);
        var (exit, _, error) = CliRunner.Run(args.ToArray());
        Assert.Equal(2, exit);
        Assert.StartsWith("error: " + expected, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(folder.File("o.json")));
    }
}
