using System.Text.Json;
using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>L-BFGS through the trainer and <c>fastnet train --optimizer lbfgs</c> on the seed network and data.</summary>
public class LbfgsTrainingTests
{
    private static Network Seed(Dataset data) => TestData.SeedNetwork(data);

    [Fact]
    public void ReachesTheCostOf3000GradientDescentEpochsInUnderAHundredIterations()
    {
        Dataset data = TestData.Moons();
        Network gd = Seed(data);
        gd.Train(data, new TrainingOptions { Epochs = 3000, Optimizer = new OptimizerOptions { LearningRate = 0.5f } });
        double target = gd.Evaluate(data).Loss;   // 0.004299 (the demo's cost)

        Network net = Seed(data);
        var trainer = new Trainer(net, data, new TrainingOptions { Epochs = 3000, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Lbfgs } });
        int iterations = 0;
        while (net.Evaluate(data).Loss > target && iterations < 100)
        {
            trainer.RunEpoch();
            iterations++;
        }
        Assert.True(net.Evaluate(data).Loss <= target, $"after {iterations} iterations: {net.Evaluate(data).Loss} > {target}");
        Assert.True(iterations < 100, $"{iterations} iterations");
    }

    [Fact]
    public void ARunStopsByItselfAndSaysWhy()
    {
        Dataset data = TestData.Moons();
        Network net = Seed(data);
        TrainingHistory h = net.Train(data, new TrainingOptions { Epochs = 3000, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Lbfgs } });
        Assert.NotEqual(ConvergenceReason.None, h.Convergence);
        Assert.True(h.Epochs.Count < 3000);
        Assert.Equal(1.0, h.Epochs[^1].Accuracy);
        for (int i = 1; i < h.Epochs.Count; i++) Assert.True(h.Epochs[i].Loss <= h.Epochs[i - 1].Loss, $"epoch {i + 1} went up");

        // a looser gradient tolerance stops earlier, by the gradient norm
        TrainingHistory loose = Seed(data).Train(data, new TrainingOptions
        {
            Epochs = 3000, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Lbfgs, LbfgsGradientTolerance = 1e-2 },
        });
        Assert.Equal(ConvergenceReason.GradientNorm, loose.Convergence);
        Assert.True(loose.Epochs.Count < h.Epochs.Count);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeightsAndMiniBatchesAreRefused()
    {
        Dataset data = TestData.Moons();
        var options = new TrainingOptions { Epochs = 30, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Lbfgs, LbfgsHistory = 4, WeightDecay = 1e-3f } };
        Network a = Seed(data), b = Seed(data);
        a.Train(data, options);
        b.Train(data, options);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.Contains("full batches", Assert.ThrowsAny<FastNetException>(() => new Trainer(Seed(data), data, options with { BatchSize = 10 })).Message);
        Assert.Contains("pairs", Assert.ThrowsAny<FastNetException>(() =>
            new Trainer(Seed(data), data, options with { Optimizer = options.Optimizer with { LbfgsHistory = 0 } })).Message);
    }

    [Fact]
    public void CliTrainsWithLbfgsAndReportsTheConvergence()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "4:sigmoid,1:sigmoid", "--loss", "sse",
            "--optimizer", "lbfgs", "--epochs", "3000", "--seed", "1", "--out", model, "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("epochs").GetInt32() < 100);
        Assert.True(json.RootElement.GetProperty("loss").GetDouble() < 0.004299);
        Assert.Contains(json.RootElement.GetProperty("converged").GetString(), new[] { "gradient-norm", "loss-change", "line-search" });

        (exit, _, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "4:sigmoid,1:sigmoid", "--optimizer", "lbfgs",
            "--batch", "10", "--out", model);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --batch: lbfgs needs full batches", error);
    }
}
