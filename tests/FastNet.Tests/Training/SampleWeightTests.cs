using FastNet.Data;
using FastNet.Diagnostics;
using FastNet.Tests.Support;
using FastNet.Training;
using Xunit.Abstractions;

namespace FastNet.Tests.Training;

/// <summary>
/// Sample and class weights: every loss weighted exactly (gradient-checked in double, equal to duplicated samples, equal
/// to the unweighted loss for weights of 1), scikit-learn's balanced class weights, and what they are for: a 95/5
/// imbalanced problem trained with balanced weights finds more of the minority class.
/// </summary>
public class SampleWeightTests(ITestOutputHelper output)
{
    public static TheoryData<string, Loss> Networks => new()
    {
        { "5:tanh,1:sigmoid", Loss.Sse },
        { "5:tanh,2:identity", Loss.Mse },
        { "4:relu,1:sigmoid", Loss.Bce },
        { "5:sigmoid,3:softmax", Loss.CrossEntropy },
    };

    private static Network Build(string layers, Loss loss, int maxBatch)
    {
        var builder = new NetworkBuilder(inputs: 2).WithLoss(loss).WithSeed(7).WithMaxBatch(maxBatch);
        foreach (LayerSpec spec in FastNet.Cli.ArgumentParsers.Layers(layers, bias: true)) builder.Add(spec);
        return builder.Build();
    }

    // 24 samples: labels for the classifiers (0..outputs−1, or 0/1 for one output), targets for the mse regression
    private static Dataset Data(Network net, float[]? weights)
    {
        var random = new Random(11);
        var x = new float[48];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 4 - 2);
        if (net.Loss == Loss.Mse)
        {
            var t = new float[24 * net.Outputs];
            for (int i = 0; i < t.Length; i++) t[i] = (float)random.NextDouble();
            return new Dataset(x, 2, targets: t, targetWidth: net.Outputs, weights: weights);
        }
        var y = new int[24];
        for (int i = 0; i < y.Length; i++) y[i] = i % net.ClassCount;
        return new Dataset(x, 2, labels: y, weights: weights);
    }

    private static float[] Weights()
    {
        var w = new float[24];
        for (int i = 0; i < w.Length; i++) w[i] = (i * 7 % 5) * 0.75f;   // 0, 3.75, 2.25, ... including zeros
        return w;
    }

    [Theory, MemberData(nameof(Networks))]
    public void EveryWeightedLossPassesTheGradientCheckInWholeAndInChunks(string layers, Loss loss)
    {
        foreach (int maxBatch in new[] { 24, 7 })
        {
            Network net = Build(layers, loss, maxBatch);
            GradientCheckReport report = GradientCheck.Assert(net, Data(net, Weights()));
            Assert.Equal(24, report.Samples);
        }
    }

    [Theory, MemberData(nameof(Networks))]
    public void AWholeWeightIsTheSampleRepeatedAndWeightsOfOneChangeNothing(string layers, Loss loss)
    {
        Network net = Build(layers, loss, 48);
        Dataset plain = Data(net, null);
        var w = new float[24];
        for (int i = 0; i < w.Length; i++) w[i] = 1 + i % 2;   // odd samples count twice
        Dataset weighted = Data(net, w);
        var x = new List<float>();
        var y = new List<int>();
        var t = new List<float>();
        for (int i = 0; i < 24; i++)
            for (int r = 0; r < w[i]; r++)
            {
                x.AddRange(plain.Row(i).ToArray());
                if (plain.HasLabels) y.Add(plain.Labels[i]);
                else t.AddRange(plain.Targets.Slice(i * plain.TargetWidth, plain.TargetWidth).ToArray());
            }
        Dataset repeated = plain.HasLabels ? new Dataset([.. x], 2, labels: [.. y]) : new Dataset([.. x], 2, targets: [.. t], targetWidth: plain.TargetWidth);
        Assert.Equal(net.Evaluate(repeated).Loss, net.Evaluate(weighted).Loss, 1e-5);
        Assert.Equal(net.Evaluate(plain).Loss, net.Evaluate(Data(net, Enumerable.Repeat(1f, 24).ToArray())).Loss, 1e-6);
    }

    [Fact]
    public void BalancedClassWeightsAreScikitLearns()
    {
        // compute_class_weight("balanced", classes=[0, 1], y=[0]*95 + [1]*5)  → [0.52631579, 10.]
        // compute_class_weight("balanced", classes=[0, 1, 2], y=[0]*6 + [1]*3 + [2]) → [0.5555555555555556, 1.1111111111111112, 3.3333333333333335]
        int[] two = [.. Enumerable.Repeat(0, 95), .. Enumerable.Repeat(1, 5)];
        Assert.Equal([0.52631579f, 10f], ClassWeights.Balanced.For(two, 2), new FloatTolerance(1e-6f));
        int[] three = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2];
        Assert.Equal([0.5555555555555556f, 1.1111111111111112f, 3.3333333333333335f], ClassWeights.Balanced.For(three, 3), new FloatTolerance(1e-6f));
        Assert.Equal([1f, 4f], ClassWeights.Of(1f, 4f).For(two, 2));
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(b));
        public int GetHashCode(float value) => 0;
    }

    /// <summary>Two overlapping Gaussian blobs, 95 % class 0, 5 % class 1; a balanced test set of the same blobs.</summary>
    private static Dataset Imbalanced(int count, double minority, ulong seed)
    {
        var random = new Random((int)seed);
        var x = new float[2 * count];
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            y[i] = i < (int)Math.Round(count * minority) ? 1 : 0;
            double cx = y[i] == 1 ? 1.0 : -1.0;
            x[2 * i] = (float)(cx + Gaussian(random));
            x[2 * i + 1] = (float)(Gaussian(random));
        }
        return new Dataset(x, 2, labels: y);
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void BalancedWeightsRaiseTheMinorityClasssRecallOnA95To5Problem()
    {
        Dataset train = Imbalanced(1000, 0.05, 1), test = Imbalanced(1000, 0.5, 2);
        double Recall(ClassWeights? weights)
        {
            Network net = new NetworkBuilder(inputs: 2).Dense(8, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce)
                .WithSeed(3).WithMaxBatch(32).Build();
            net.Train(train, new TrainingOptions
            {
                Epochs = 60, BatchSize = 32, Seed = 4, ClassWeights = weights,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
            });
            return net.Evaluate(test).Confusion!.Recall(1);
        }
        double plain = Recall(null), balanced = Recall(ClassWeights.Balanced);
        output.WriteLine($"minority recall on the balanced test set: {plain:F3} unweighted, {balanced:F3} balanced");
        Assert.True(balanced > plain + 0.2, $"minority recall {plain:F3} unweighted, {balanced:F3} balanced");
        Assert.True(balanced > 0.7, $"minority recall {balanced:F3} balanced");
    }

    [Fact]
    public void WeightsTravelThroughJsonAndCsvAndTheCli()
    {
        using var folder = new TempFolder();
        var data = new Dataset([0f, 1f, 1f, 0f, 0.5f, 0.5f], 2, labels: [0, 1, 1], weights: [1f, 2.5f, 0f]);
        foreach (string name in new[] { "w.json", "w.csv" })
        {
            data.Save(folder.File(name));
            Dataset back = Dataset.Load(folder.File(name));
            Assert.Equal(data.Weights.ToArray(), back.Weights.ToArray());
            Assert.Equal(data.Features.ToArray(), back.Features.ToArray());
        }
        File.WriteAllText(folder.File("bad.json"), """{"features": [[0, 1], [1, 0]], "labels": [0, 1], "weights": [1, -2]}""");
        Assert.Contains("$.weights[1]", Assert.Throws<FastNetFormatException>(() => Dataset.Load(folder.File("bad.json"))).Message);

        string model = folder.File("model.json");
        Imbalanced(400, 0.05, 5).Save(folder.File("imbalanced.json"));
        var (exit, _, error) = CliRunner.Run("train", "--data", folder.File("imbalanced.json"), "--layers", "4:tanh,1:sigmoid", "--loss", "bce",
            "--class-weight", "balanced", "--epochs", "50", "--out", model, "--quiet");
        Assert.True(exit == 0, error);
        (exit, _, error) = CliRunner.Run("train", "--data", folder.File("imbalanced.json"), "--layers", "4:tanh,1:sigmoid", "--class-weight", "1,x", "--out", model);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --class-weight: 'x'", error);
    }
}
