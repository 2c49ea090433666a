using System.Text.Json;
using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Reliability;

/// <summary>
/// One divergence rule, in the library: weights whose training loss is not finite are never the result of a run, even
/// when they are finite and come from the last epoch; the CLI saves what the library kept and reports it.
/// </summary>
public class DivergenceRuleTests
{
    [Theory]
    [InlineData(DivergencePolicy.Stop)]
    [InlineData(DivergencePolicy.Halve)]
    public void TheLastEpochsWeightsMustHaveAFiniteLoss(DivergencePolicy policy)
    {
        Dataset moons = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(16, Activation.Relu).Dense(1, Activation.Identity).WithSeed(0).WithMaxBatch(moons.Count).Build();
        TrainingHistory history = network.Train(moons, new TrainingOptions
        {
            Epochs = 2,
            Optimizer = new OptimizerOptions { LearningRate = 3f },
            OnDivergence = policy,
        });
        Assert.True(double.IsFinite(network.Evaluate(moons).Loss));
        if (policy == DivergencePolicy.Stop)
        {
            Assert.True(history.Diverged);
            Assert.Contains("kept", history.Message);
        }
        else
        {
            Assert.True(history.Halvings > 0 || history.Diverged);
        }
    }

    [Fact]
    public void TheCliSavesTheKeptWeightsAndWarns()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.json");
        var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "16:relu,1:identity",
            "--lr", "3", "--epochs", "2", "--out", model, "--json");
        Assert.True(exit == 0, error);
        Assert.StartsWith("warning: training diverged", error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("diverged").GetBoolean());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("loss").ValueKind);
        Assert.True(File.Exists(model));
    }
}
