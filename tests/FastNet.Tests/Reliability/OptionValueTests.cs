using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Reliability;

/// <summary>
/// Option values are read culture-invariantly and strictly: a comma, a thousands separator, NaN, ∞ or a value out of
/// range is a usage error (exit 2) whose one line names the option.
/// </summary>
public class OptionValueTests
{
    [Theory]
    [InlineData("--lr", "0,5")]
    [InlineData("--lr", "0,001")]
    [InlineData("--lr", "1,000")]
    [InlineData("--lr", "NaN")]
    [InlineData("--lr", "Infinity")]
    [InlineData("--lr", "-∞")]
    [InlineData("--lr", " 0.5")]
    [InlineData("--lr", "0")]
    [InlineData("--lr", "-1")]
    [InlineData("--weight-decay", "0,01")]
    [InlineData("--weight-decay", "NaN")]
    [InlineData("--weight-decay", "-1")]
    [InlineData("--val-split", "0,2")]
    [InlineData("--val-split", "1")]
    [InlineData("--epochs", "1,000")]
    [InlineData("--epochs", "0")]
    [InlineData("--epochs", "1e3")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "1,5")]
    public void TrainRefusesTheValueAndNamesTheOption(string option, string value)
    {
        using var folder = new TempFolder();
        var args = new List<string> { "train", "--data", TestData.MoonsPath, "--layers", "2:tanh,1:sigmoid", option, value, "--out", folder.File("m.json") };
        if (option != "--epochs") args.AddRange(["--epochs", "1"]);
        var (exit, output, error) = CliRunner.Run([.. args]);
        AssertUsageError(exit, output, error, option);
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Theory]
    [InlineData("moons", "--noise", "0,1")]
    [InlineData("moons", "--noise", "-1")]
    [InlineData("moons", "--noise", "NaN")]
    [InlineData("moons", "--samples", "0")]
    [InlineData("moons", "--samples", "1,000")]
    [InlineData("circles", "--factor", "1")]
    [InlineData("circles", "--factor", "0,5")]
    [InlineData("blobs", "--classes", "0")]
    [InlineData("blobs", "--features", "0")]
    [InlineData("spirals", "--classes", "0")]
    public void DataRefusesTheValueAndNamesTheOption(string generator, string option, string value)
    {
        using var folder = new TempFolder();
        var (exit, output, error) = CliRunner.Run("data", generator, option, value, "--out", folder.File("d.json"));
        AssertUsageError(exit, output, error, option);
        Assert.False(File.Exists(folder.File("d.json")));
    }

    [Theory]
    [InlineData("4:softmax,1:sigmoid", "sse", "--layers")]
    [InlineData("4:tanh,1:sigmoid", "ce", "--loss")]
    [InlineData("4:tanh,1:identity", "bce", "--loss")]
    public void AnArchitectureThatCannotBeBuiltIsAUsageError(string layers, string loss, string option)
    {
        using var folder = new TempFolder();
        var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", layers, "--loss", loss,
            "--epochs", "1", "--out", folder.File("m.json"));
        AssertUsageError(exit, output, error, option);
    }

    [Fact]
    public void ADotDecimalStillParses()
    {
        using var folder = new TempFolder();
        var (exit, _, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "2:tanh,1:sigmoid",
            "--lr", "5e-1", "--weight-decay", "0.001", "--epochs", "2", "--out", folder.File("m.json"), "--quiet");
        Assert.True(exit == 0, error);
    }

    [Theory]
    [InlineData("Epochs")]
    [InlineData("BatchSize")]
    [InlineData("ValidationFraction")]
    [InlineData("Patience")]
    [InlineData("OnDivergence")]
    [InlineData("Optimizer.LearningRate")]
    [InlineData("Optimizer.Momentum")]
    [InlineData("Optimizer.WeightDecay")]
    [InlineData("Optimizer.Kind")]
    public void ValidateNamesTheBadOption(string option)
    {
        TrainingOptions options = option switch
        {
            "Epochs" => new TrainingOptions { Epochs = -1 },
            "BatchSize" => new TrainingOptions { BatchSize = -3 },
            "ValidationFraction" => new TrainingOptions { ValidationFraction = double.NaN },
            "Patience" => new TrainingOptions { Patience = 4 },
            "OnDivergence" => new TrainingOptions { OnDivergence = (DivergencePolicy)7 },
            "Optimizer.LearningRate" => new TrainingOptions { Optimizer = new OptimizerOptions { LearningRate = float.PositiveInfinity } },
            "Optimizer.Momentum" => new TrainingOptions { Optimizer = new OptimizerOptions { Momentum = 1f } },
            "Optimizer.WeightDecay" => new TrainingOptions { Optimizer = new OptimizerOptions { WeightDecay = -0.5f } },
            _ => new TrainingOptions { Optimizer = new OptimizerOptions { Kind = (OptimizerKind)99 } },
        };
        var e = Assert.Throws<TrainingOptionException>(options.Validate);
        Assert.Equal(option, e.Option);
        Assert.StartsWith(option + ": ", e.Message);
        Assert.IsAssignableFrom<FastNetException>(e);
    }

    [Fact]
    public void ValidOptionsPassValidate() => new TrainingOptions { Epochs = 3, BatchSize = 8, Patience = 2, ValidationFraction = 0.25 }.Validate();

    private static void AssertUsageError(int exit, string output, string error, string option)
    {
        Assert.True(exit == 2, $"exit {exit}: {error}{output}");
        Assert.StartsWith("error: ", error);
        Assert.Contains(option, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }
}
