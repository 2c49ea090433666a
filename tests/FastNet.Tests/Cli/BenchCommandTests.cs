using System.Text.Json;
using FastNet.Kernels;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary><c>fastnet bench</c>: the JSON a user scripts against, and one-line usage errors (no timing asserted).</summary>
public class BenchCommandTests
{
    [Fact]
    public void GemmReportsItsShapeAndAPositiveRate()
    {
        var (exit, output, error) = CliRunner.Run("bench", "gemm", "--shape", "33x17x9", "--form", "tn", "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("33x17x9", json.RootElement.GetProperty("shape").GetString());
        Assert.Equal("tn", json.RootElement.GetProperty("form").GetString());
        Assert.True(json.RootElement.GetProperty("gflops").GetDouble() > 0);
        Assert.Equal(KernelInfo.GemmPlan(SgemmForm.TN, 33, 17, 9), json.RootElement.GetProperty("kernel").GetString());
    }

    [Fact]
    public void GemmReportsTheNarrowPathForAFewColumns()
    {
        var (exit, output, error) = CliRunner.Run("bench", "gemm", "--shape", "64x32x10", "--form", "nn", "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.StartsWith("narrow ", json.RootElement.GetProperty("kernel").GetString());
    }

    [Fact]
    public void TrainReportsZeroBytesPerStep()
    {
        var (exit, output, error) = CliRunner.Run("bench", "train", "--layers", "4:sigmoid,1:sigmoid", "--inputs", "2", "--batch", "100", "--loss", "sse", "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("allocatedBytesPerStep").GetInt64());
        Assert.True(json.RootElement.GetProperty("millisecondsPerStep").GetDouble() > 0);
        Network seed = new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse).Build();
        Assert.Equal(KernelInfo.TrainingPlan(seed), json.RootElement.GetProperty("kernel").GetString());
    }

    [Fact]
    public void TrainingPlanNamesTheTinyKernelOnlyForTheNetworksItRuns()
    {
        static Network Build(Activation hidden, Loss loss, float dropout = 0f) =>
            new NetworkBuilder(2).Add(new LayerSpec(4, hidden, Dropout: dropout)).Dense(1, Activation.Sigmoid).WithLoss(loss).Build();
        // the tiny kernel needs some accelerated vector width; without one every network runs layer by layer
        string seed = KernelInfo.TrainingPlan(Build(Activation.Sigmoid, Loss.Sse));
        if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            Assert.Equal($"tiny-network kernel, {KernelInfo.GemmPath} ({NarrowGemm.Lanes(GemmIsaInfo.Best)} samples per vector)", seed);
        else Assert.Equal($"layer by layer, {KernelInfo.GemmPlan(int.MaxValue)}", seed);
        Assert.Equal($"layer by layer, {KernelInfo.GemmPlan(int.MaxValue)}", KernelInfo.TrainingPlan(Build(Activation.Relu, Loss.Sse)));
        Assert.Equal($"layer by layer, {KernelInfo.GemmPlan(int.MaxValue)}", KernelInfo.TrainingPlan(Build(Activation.Sigmoid, Loss.Bce)));
        Assert.Equal($"layer by layer, {KernelInfo.GemmPlan(int.MaxValue)}", KernelInfo.TrainingPlan(Build(Activation.Sigmoid, Loss.Sse, dropout: 0.5f)));
        Assert.Throws<ArgumentNullException>(() => KernelInfo.TrainingPlan(null!));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(300, 2)]
    public void PredictReportsRowsPerSecondAndZeroBytesPerCall(int batch, int threads)
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        FastNet.Serialization.ModelFile.Save(new NetworkBuilder(20).Dense(40, Activation.Relu).Dense(10, Activation.Softmax)
            .WithLoss(Loss.CrossEntropy).WithSeed(1).Build(), model);
        var (exit, output, error) = CliRunner.Run("bench", "predict", "--model", model, "--batch", $"{batch}", "--threads", $"{threads}", "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(0, root.GetProperty("allocatedBytesPerCall").GetInt64());
        Assert.Equal(batch, root.GetProperty("batch").GetInt32());
        Assert.Equal(threads, root.GetProperty("threads").GetInt32());
        Assert.Equal(10, root.GetProperty("outputs").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("isa").GetString()));
        Assert.True(root.GetProperty("microsecondsPerCall").GetDouble() > 0);
        Assert.True(root.GetProperty("rowsPerSecond").GetDouble() > 0);
    }

    [Fact]
    public void PredictOnAMissingModelIsOneLineNamingTheFile()
    {
        var (exit, _, error) = CliRunner.Run("bench", "predict", "--model", "no-such-model.json");
        Assert.Equal(1, exit);
        Assert.Contains("no-such-model.json", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("bench", "predict", "--model", "m.json", "--batch", "0")]
    [InlineData("bench", "predict", "--model", "m.json", "--threads", "0")]
    [InlineData("bench", "predict", "--batch", "4")]
    [InlineData("bench", "gemm", "--shape", "3x4")]
    [InlineData("bench", "gemm", "--shape", "8x8x8", "--form", "tt")]
    [InlineData("bench", "gemm", "--shape", "8x8x8", "--threads", "0")]
    [InlineData("bench", "train", "--layers", "4:wobble", "--inputs", "2")]
    [InlineData("bench", "train", "--layers", "4:sigmoid", "--inputs", "2", "--loss", "hinge")]
    public void BadOptionsAreOneLineUsageErrors(params string[] args)
    {
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }
}
