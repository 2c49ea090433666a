using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>Feature standardisation: the fit, constant features, use by Predict/Evaluate, and the model file round trip.</summary>
public class StandardizationTests
{
    // three samples, features: (1, 10, 5), (2, 20, 5), (3, 60, 5); labels 0, 1, 0
    private static Dataset Small() => new([1, 10, 5, 2, 20, 5, 3, 60, 5], 3, labels: [0, 1, 0]);

    [Fact]
    public void FitComputesMeanAndPopulationStdAndLeavesConstantFeaturesAtStdOne()
    {
        Standardization z = Standardization.Fit(Small());
        Assert.Equal([2f, 30f, 5f], z.Mean.ToArray());
        Assert.Equal(MathF.Sqrt(2f / 3f), z.Std[0], 1e-6f);
        Assert.Equal(MathF.Sqrt(1400f / 3f), z.Std[1], 1e-4f);
        Assert.Equal(1f, z.Std[2]);
        var y = new float[9];
        z.Apply(Small().Features, y);
        Assert.Equal(0f, y[2]);
        Assert.Equal(0f, y[3]);
        Assert.Equal(-1f / z.Std[0], y[0], 1e-6f);
    }

    [Fact]
    public void PredictStandardisesRawInputsAsTheTrainerDid()
    {
        Dataset data = Small();
        Network network = new NetworkBuilder(3).Dense(4, Activation.Tanh).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).WithSeed(3).Build();
        network.Train(data, new TrainingOptions { Epochs = 3, Standardize = true });
        Standardization z = Assert.IsType<Standardization>(network.Standardization);
        Assert.Equal(Standardization.Fit(data).Mean.ToArray(), z.Mean.ToArray());

        float[] raw = [2.5f, 40f, 5f];
        float[] standardized = new float[3];
        z.Apply(raw, standardized);
        float expected = network.Predict(raw)[0];
        network.Standardization = null;
        Assert.Equal(expected, network.Predict(standardized)[0]);
    }

    [Fact]
    public void StandardisationRoundTripsThroughTheModelFileBitExactly()
    {
        Dataset data = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(6, Activation.Relu).Dense(2, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(5).WithMaxBatch(100).Build();
        network.Train(data, new TrainingOptions { Epochs = 50, Standardize = true, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.02f } });
        using var folder = new TempFolder();
        string path = folder.File("z.json");
        ModelFile.Save(network, path);
        Network loaded = ModelFile.Load(path);
        Assert.Equal(network.Standardization!.Mean.ToArray(), loaded.Standardization!.Mean.ToArray());
        Assert.Equal(network.Standardization.Std.ToArray(), loaded.Standardization.Std.ToArray());
        Assert.Equal(network.Predict(data.Features), loaded.Predict(data.Features));
        Assert.Equal(network.Evaluate(data).Loss, loaded.Evaluate(data).Loss);
        Assert.Contains("\"standardize\"", File.ReadAllText(path));
    }

    [Fact]
    public void AModelWithoutStandardisationHasNoFieldAndAFileWithABadStdIsRefused()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).Build();
        ModelFile.Save(network, folder.File("plain.json"));
        Assert.DoesNotContain("standardize", File.ReadAllText(folder.File("plain.json")));
        Assert.Null(ModelFile.Load(folder.File("plain.json")).Standardization);

        string bad = File.ReadAllText(folder.File("plain.json")).Replace("\"layers\"", "\"standardize\": {\"mean\": [0, 0], \"std\": [1, 0]}, \"layers\"");
        var e = Assert.Throws<FastNetFormatException>(() => ModelFile.Load(folder.Write("bad.json", bad)));
        Assert.Contains("$.standardize.std[1]", e.Message);
        string wrongLength = bad.Replace("\"std\": [1, 0]", "\"std\": [1]");
        Assert.Contains("$.standardize.std", Assert.Throws<FastNetFormatException>(() => ModelFile.Load(folder.Write("short.json", wrongLength))).Message);
    }

    [Fact]
    public void ClassesAndProbabilitiesComeFromTheOutputs()
    {
        Network softmax = new NetworkBuilder(2).Dense(5, Activation.Tanh).Dense(3, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(8).Build();
        float[] x = TestData.Uniform(2 * 9, 4);
        var p = new float[3 * 9];
        var classes = new int[9];
        softmax.PredictProbabilities(x, p);
        softmax.PredictClasses(x, classes);
        Assert.Equal(softmax.Predict(x), p);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(1f, p[3 * i] + p[3 * i + 1] + p[3 * i + 2], 1e-6f);
            int argmax = p[3 * i] >= p[3 * i + 1] && p[3 * i] >= p[3 * i + 2] ? 0 : p[3 * i + 1] >= p[3 * i + 2] ? 1 : 2;
            Assert.Equal(argmax, classes[i]);
            Assert.Equal(argmax, softmax.PredictClass(x.AsSpan(2 * i, 2)));
        }

        Network sigmoid = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).WithSeed(8).Build();
        var q = new float[2 * 9];
        sigmoid.PredictProbabilities(x, q);
        float[] y = sigmoid.Predict(x);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(y[i], q[2 * i + 1]);
            Assert.Equal(1f - y[i], q[2 * i]);
            Assert.Equal(y[i] >= 0.5f ? 1 : 0, sigmoid.PredictClass(x.AsSpan(2 * i, 2)));
        }
        Assert.Equal(2, sigmoid.ClassCount);

        Network regression = new NetworkBuilder(2).Dense(2, Activation.Identity).Build();
        Assert.Throws<FastNetException>(() => regression.PredictProbabilities(x, new float[18]));
    }

    [Fact]
    public void EvaluateCountsTheConfusionMatrix()
    {
        Dataset data = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).WithSeed(1).WithMaxBatch(30).Build();
        Evaluation evaluation = network.Evaluate(data);
        ConfusionMatrix c = evaluation.Confusion!;
        var predicted = new int[data.Count];
        network.PredictClasses(data.Features, predicted);
        int[,] expected = new int[2, 2];
        for (int i = 0; i < data.Count; i++) expected[data.Labels[i], predicted[i]]++;
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++) Assert.Equal(expected[a, b], c[a, b]);
        Assert.Equal(data.Count, c.Total);
        Assert.Equal(evaluation.Accuracy!.Value, c.Accuracy, 1e-12);
    }
}
