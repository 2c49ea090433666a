using System.Text.Json;
using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>The learning-rate range test, from the library and from <c>fastnet lr-find</c>, on the seed problem.</summary>
public class LearningRateFinderTests
{
    private static Network Seed(Dataset data) => TestData.SeedNetwork(data);

    private static readonly LearningRateFinderOptions FullBatch = new() { BatchSize = 0, MinRate = 1e-4f, MaxRate = 1000f, Steps = 300 };

    [Fact]
    public void RatesGrowExponentiallyAndTheNetworkIsNotChanged()
    {
        Dataset data = TestData.Moons();
        Network net = Seed(data);
        float[] before = net.Parameters.ToArray();
        LearningRateRange range = LearningRateFinder.Run(net, data, FullBatch with { MaxRate = 1f, Steps = 50 });
        Assert.Equal(before, net.Parameters.ToArray());
        Assert.Equal(50, range.Rates.Count);
        Assert.False(range.Diverged);
        Assert.Equal(1e-4f, range.Rates[0]);
        Assert.Equal(1f, range.Rates[^1], 1e-5f);
        double ratio = Math.Pow(1e4, 1.0 / 49);
        for (int i = 1; i < range.Rates.Count; i++) Assert.Equal(ratio, range.Rates[i] / (double)range.Rates[i - 1], 1e-5);
    }

    [Fact]
    public void TheSameSeedGivesTheSameCurveBitForBit()
    {
        Dataset data = TestData.Moons();
        var options = new LearningRateFinderOptions { BatchSize = 16, Steps = 120, Seed = 5, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam } };
        LearningRateRange a = LearningRateFinder.Run(Seed(data), data, options), b = LearningRateFinder.Run(Seed(data), data, options);
        Assert.Equal(a.Losses, b.Losses);
        Assert.Equal(a.SuggestedRate, b.SuggestedRate);
        Assert.NotEqual(a.Losses, LearningRateFinder.Run(Seed(data), data, options with { Seed = 6 }).Losses);
    }

    [Fact]
    public void TooLargeRatesStopTheTestAndTheSuggestionLiesBeforeTheBlowUp()
    {
        // a linear model of a curved target with mse on mini-batches: its loss has no ceiling (a sigmoid sse network's
        // stops at 25 on the moons) and no batch gradient vanishes
        var x = new float[64];
        var t = new float[64];
        for (int i = 0; i < 64; i++) (x[i], t[i]) = (i / 16f - 2f, 3f * (i / 16f - 2f) + 1f + MathF.Sin(7f * i / 16f));
        var data = new Dataset(x, 1, targets: t, targetWidth: 1);
        Network net = new NetworkBuilder(inputs: 1).Dense(1, Activation.Identity).WithLoss(Loss.Mse).WithSeed(2).WithMaxBatch(64).Build();
        LearningRateRange range = LearningRateFinder.Run(net, data, FullBatch with { MaxRate = 1e6f, BatchSize = 8 });
        Assert.True(range.Diverged);
        Assert.True(range.Rates.Count < 300);
        Assert.True(range.SuggestedRate < range.MinimumLossRate);
        Assert.True(range.SuggestedRate > range.Rates[0]);
    }

    /// <summary>The suggestion trains the seed network: 300 epochs at it beat 300 at a tenth and at ten times it.</summary>
    [Fact]
    public void TheSuggestedRateTrainsBetterThanATenthOrTenTimesIt()
    {
        Dataset data = TestData.Moons();
        float suggested = LearningRateFinder.Run(Seed(data), data, FullBatch).SuggestedRate;
        double Loss(float rate)
        {
            Network net = Seed(data);
            TrainingHistory h = net.Train(data, new TrainingOptions { Epochs = 300, Optimizer = new OptimizerOptions { LearningRate = rate } });
            return h.Diverged ? double.PositiveInfinity : net.Evaluate(data).Loss;
        }
        double at = Loss(suggested);
        Assert.True(at < Loss(suggested / 10), $"suggested {suggested}: loss {at}");
        Assert.True(at < Loss(suggested * 10), $"suggested {suggested}: loss {at}");
    }

    [Fact]
    public void BadOptionsAreRefusedWithTheirName()
    {
        Dataset data = TestData.Moons();
        Assert.Contains("2 to 100000 steps", Assert.Throws<FastNetException>(() => LearningRateFinder.Run(Seed(data), data, FullBatch with { Steps = 1 })).Message);
        Assert.Contains("rprop", Assert.Throws<FastNetException>(() => LearningRateFinder.Run(Seed(data), data,
            FullBatch with { Optimizer = new OptimizerOptions { Kind = OptimizerKind.Rprop } })).Message);
        Assert.Contains("largest rate", Assert.Throws<FastNetException>(() => LearningRateFinder.Run(Seed(data), data, FullBatch with { MaxRate = 1e-5f })).Message);
    }

    [Fact]
    public void CliPrintsJsonWritesThePlotAndRefusesBadInputInOneLine()
    {
        using var folder = new TempFolder();
        string png = folder.File("lr.png");
        var (exit, output, error) = CliRunner.Run("lr-find", "--data", TestData.MoonsPath, "--layers", "4:sigmoid,1:sigmoid", "--loss", "sse",
            "--batch", "full", "--min-lr", "1e-4", "--max-lr", "1000", "--steps", "300", "--seed", "1", "--plot", png, "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Dataset data = TestData.Moons();
        LearningRateRange range = LearningRateFinder.Run(Seed(data), data, FullBatch);
        Assert.Equal(range.SuggestedRate, root.GetProperty("suggestedRate").GetSingle());
        Assert.Equal(range.Rates.Count, root.GetProperty("points").GetArrayLength());
        Assert.Equal(range.Losses[7], root.GetProperty("points")[7].GetProperty("loss").GetDouble());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);

        (exit, output, _) = CliRunner.Run("lr-find", "--data", TestData.MoonsPath, "--layers", "4:sigmoid,1:sigmoid", "--steps", "40");
        Assert.Equal(0, exit);
        Assert.Contains("suggested learning rate ", output);

        (exit, _, error) = CliRunner.Run("lr-find", "--data", TestData.MoonsPath, "--layers", "4:sigmoid,1:sigmoid", "--steps", "1");
        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: --steps: ", error);
        (exit, _, error) = CliRunner.Run("lr-find", "--data", folder.File("missing.json"), "--layers", "4:sigmoid,1:sigmoid");
        Assert.Equal(1, exit);
        Assert.Single(error.Trim().Split('\n'));
    }
}
