using System.Runtime.InteropServices;
using FastNet.Data;
using FastNet.Diagnostics;
using FastNet.Tests.Support;

namespace FastNet.Tests.Gradients;

/// <summary>The network overloads of <see cref="GradientCheck"/>: what they leave alone, chunking, kinks, bad arguments.</summary>
public class GradientCheckTests
{
    private static Network Seed(int maxBatch = 256, ulong seed = 1) =>
        new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse).WithSeed(seed).WithMaxBatch(maxBatch).Build();

    [Fact]
    public void TheSeedNetworkPassesOnMoonsAndItsLossMatchesEvaluate()
    {
        Network network = Seed();
        Dataset moons = TestData.Moons();
        GradientCheckReport report = GradientCheck.Run(network, moons);
        Assert.True(report.Passed, string.Join("\n", report.Tensors));
        Assert.Equal(["layer 0 weights", "layer 0 bias", "layer 1 weights", "layer 1 bias", "input"], report.Tensors.Select(t => t.Name));
        Assert.Equal([8, 4, 4, 1, 2 * moons.Count], report.Tensors.Select(t => t.Checked));
        Assert.Equal(moons.Count, report.Samples);
        Assert.Equal(network.Evaluate(moons).Loss, report.Loss, 1e-4 * report.Loss);
        Assert.Equal(report.Loss, report.NetworkLoss, 1e-4 * report.Loss);
        Assert.All(report.Tensors, t => Assert.True(t.Scale > 0));
    }

    [Fact]
    public void TheDatasetOverloadAppliesTheNetworksStandardisationAsEvaluateDoes()
    {
        Dataset moons = TestData.Moons();
        Network network = Seed();
        network.Standardization = Standardization.Fit(moons);
        GradientCheckReport report = GradientCheck.Run(network, moons);
        Assert.True(report.Passed, string.Join("\n", report.Tensors));
        Assert.Equal(network.Evaluate(moons).Loss, report.Loss, 1e-4 * report.Loss);
        Assert.NotEqual(GradientCheck.Run(network, moons.Features, moons.Labels.ToArray().Select(l => (float)l).ToArray()).Loss, report.Loss, 1e-3);
    }

    [Fact]
    public void RunNeverChangesTheWeights()
    {
        Network network = new NetworkBuilder(3).Dense(5, Activation.Relu).Dense(4, Activation.Tanh).Dense(3, Activation.Softmax)
            .WithLoss(Loss.CrossEntropy).WithSeed(7).Build();
        int[] before = MemoryMarshal.Cast<float, int>(network.Parameters).ToArray();
        float[] x = TestData.Uniform(11 * 3, 1);
        float[] t = new float[11 * 3];
        for (int n = 0; n < 11; n++) t[n * 3 + n % 3] = 1;
        Assert.True(GradientCheck.Run(network, x, t).Passed);
        Assert.True(GradientCheck.Run(network, x, t, new GradientCheckOptions { SamplesPerTensor = 3, Seed = 9 }).Passed);
        Assert.Equal(before, MemoryMarshal.Cast<float, int>(network.Parameters).ToArray());
    }

    [Fact]
    public void ABatchLargerThanThePlanIsCheckedInChunksWithTheSameResult()
    {
        Dataset moons = TestData.Moons();
        foreach (Loss loss in new[] { Loss.Sse, Loss.Mse, Loss.Bce })
        {
            Network whole = new NetworkBuilder(2).Dense(4, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(loss).WithSeed(3).WithMaxBatch(moons.Count).Build();
            Network chunked = new NetworkBuilder(2).Dense(4, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(loss).WithSeed(3).WithMaxBatch(17).Build();
            GradientCheckReport a = GradientCheck.Run(whole, moons), b = GradientCheck.Run(chunked, moons);
            Assert.True(b.Passed, string.Join("\n", b.Tensors));
            Assert.Equal(a.Loss, b.Loss);   // the double evaluator does not chunk: bit-identical
            Assert.Equal(a.NetworkLoss, b.NetworkLoss, 1e-5 * a.NetworkLoss);
            for (int s = 0; s < a.Tensors.Count; s++)
            {
                Assert.Equal(a.Tensors[s].Scale, b.Tensors[s].Scale);   // numeric side identical
                Assert.True(b.Tensors[s].Worst.ErrorRatio < 0.1, b.Tensors[s].ToString());   // chunks recombined as the loss defines
            }
        }
    }

    [Fact]
    public void ACoordinateWhoseStepStraddlesAReluKinkIsSkippedNotFailed()
    {
        // one relu unit with z = x·1 + 0 = 0 exactly at x = 0: its bias moves z to ±h, on both sides of the kink
        Network network = new NetworkBuilder(1).Dense(1, Activation.Relu).Dense(1, Activation.Identity).WithSeed(1).Build();
        network.Weights(0)[0] = 1;
        network.Bias(0)[0] = 0;
        network.Weights(1)[0] = 2;
        GradientCheckReport report = GradientCheck.Run(network, [0f, 1f], [0.5f, 0.25f]);
        TensorGradientCheck bias = report.Tensors.Single(t => t.Name == "layer 0 bias");
        Assert.Equal(1, bias.Skipped);
        Assert.Equal(0, bias.Checked);
        Assert.True(report.Passed);
        TensorGradientCheck input = report.Tensors.Single(t => t.Kind == GradientTensorKind.Input);
        Assert.Equal(1, input.Skipped);   // x = 0 sits on the kink too
        Assert.Equal(1, input.Checked);
    }

    [Fact]
    public void ATensorBehindDeadReluUnitsIsJudgedAgainstTheWholeCheck()
    {
        // every relu unit is off, so the tanh layer's exact output is 0 and layer 2's weights have gradient 0; float32
        // may round tanh(0) to ±2⁻²⁴ (vectorised tanh does), leaving an analytic gradient of 1e-8 against a numeric 0
        Network network = new NetworkBuilder(2).Dense(3, Activation.Relu, bias: false).Dense(13, Activation.Tanh, bias: false)
            .Dense(3, Activation.Tanh).WithLoss(Loss.Mse).WithSeed(2).Build();
        network.Weights(0).Fill(-1f);
        GradientCheckReport report = GradientCheck.Run(network, [0.5f, 0.75f], [0.25f, -0.5f, 0.125f]);
        TensorGradientCheck hidden = report.Tensors.Single(t => t.Name == "layer 2 weights");
        Assert.Equal(0, hidden.Scale);
        Assert.True(report.Scale > 0.01);
        Assert.True(report.Passed, string.Join("\n", report.Tensors));
        Assert.Equal(report.Options.FloorTolerance * report.Scale, hidden.Worst.Tolerance);
    }

    [Fact]
    public void SamplingChecksAtMostTheRequestedCoordinatesPerTensor()
    {
        Network network = new NetworkBuilder(6).Dense(9, Activation.Tanh).Dense(2, Activation.Identity).WithLoss(Loss.Mse).WithSeed(5).Build();
        float[] x = TestData.Uniform(8 * 6, 2), t = TestData.Uniform(8 * 2, 3);
        GradientCheckReport report = GradientCheck.Run(network, x, t, new GradientCheckOptions { SamplesPerTensor = 5, Seed = 1 });
        Assert.True(report.Passed);
        Assert.Equal([5, 5, 5, 2, 5], report.Tensors.Select(s => s.Checked));
    }

    [Theory]
    [InlineData(0.0, 1e-3, 1e-4, null, "step")]
    [InlineData(double.NaN, 1e-3, 1e-4, null, "step")]
    [InlineData(1e-6, -1.0, 1e-4, null, "relative tolerance")]
    [InlineData(1e-6, 1e-3, double.PositiveInfinity, null, "absolute tolerance")]
    [InlineData(1e-6, 1e-3, 1e-4, 0, "samples per tensor")]
    public void InvalidOptionsAreRefused(double step, double relative, double absolute, int? samples, string what)
    {
        var options = new GradientCheckOptions { Step = step, RelativeTolerance = relative, AbsoluteTolerance = absolute, SamplesPerTensor = samples };
        var e = Assert.Throws<FastNetException>(() => GradientCheck.Run(Seed(), [0f, 0f], [0f], options));
        Assert.Contains(what, e.Message);
        e = Assert.Throws<FastNetException>(() => GradientCheck.Compare(p => p[0], [1.0], [1.0], options));
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void ANegativeFloorToleranceIsRefused() =>
        Assert.Contains("floor tolerance", Assert.Throws<FastNetException>(() =>
            GradientCheck.Compare(p => p[0], [1.0], [1.0], new GradientCheckOptions { FloorTolerance = -1e-5 })).Message);

    [Fact]
    public void SizesThatDoNotFitTheNetworkAreRefused()
    {
        Assert.Contains("not a whole", Assert.Throws<FastNetException>(() => GradientCheck.Run(Seed(), [0f, 0f, 0f], [0f])).Message);
        Assert.Contains("targets hold 2", Assert.Throws<FastNetException>(() => GradientCheck.Run(Seed(), [0f, 0f], [0f, 1f])).Message);
        Assert.Contains("not a finite", Assert.Throws<FastNetException>(() => GradientCheck.Run(Seed(), [float.NaN, 0f], [0f])).Message);
        Assert.Contains("2 values", Assert.Throws<FastNetException>(() => GradientCheck.Compare(p => p[0], [1.0], [1.0, 2.0])).Message);
        Assert.Contains("no coordinates", Assert.Throws<FastNetException>(() => GradientCheck.Compare(p => 0, [], [])).Message);
    }
}
