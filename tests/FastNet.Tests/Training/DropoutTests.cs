using FastNet.Data;
using FastNet.Model;
using FastNet.Onnx;
using FastNet.Serialization;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>
/// Inverted dropout on hidden layers: the mask kernel keeps 1 − p of the activations scaled by 1/(1 − p); a run with
/// dropout is bit-reproducible from its seed, differs from one without, resumes bit-exactly from a checkpoint and leaves
/// inference (Predict, the model file, ONNX) untouched.
/// </summary>
public class DropoutTests
{
    private static Network Build(float dropout, int maxBatch = 16) =>
        new NetworkBuilder(inputs: 2).Dense(12, Activation.Relu, dropout: dropout).Dense(8, Activation.Tanh, dropout: dropout / 2)
            .Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).WithSeed(5).WithMaxBatch(maxBatch).Build();

    private static readonly TrainingOptions Options = new()
    {
        Epochs = 30, BatchSize = 16, Seed = 9, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
    };

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }

    [Fact]
    public void TheMaskKeepsOneMinusPOfTheActivationsScaledByItsInverse()
    {
        var random = new SeededRandom(3);
        var a = new float[20_000];
        for (int i = 0; i < a.Length; i++) a[i] = 0.5f + i % 7;
        var mask = new float[a.Length];
        var dropped = new float[a.Length];
        DropoutKernels.Forward(ref random, 0.3f, a, mask, dropped);
        int kept = 0;
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(mask[i] == 0f || mask[i] == 1f / 0.7f);
            Assert.Equal(a[i] * mask[i], dropped[i]);
            if (mask[i] != 0) kept++;
        }
        double sigma = Math.Sqrt(a.Length * 0.3 * 0.7);
        Assert.InRange(kept, a.Length * 0.7 - 4 * sigma, a.Length * 0.7 + 4 * sigma);   // binomial, 4σ
        var da = new float[a.Length];
        Array.Fill(da, 2f);
        DropoutKernels.Backward(mask, da);
        for (int i = 0; i < da.Length; i++) Assert.Equal(2f * mask[i], da[i]);
    }

    [Fact]
    public void ARunWithDropoutIsBitReproducibleAndDiffersFromOneWithout()
    {
        Dataset data = TestData.Moons();
        Network a = Build(0.3f), b = Build(0.3f), none = Build(0f);
        a.Train(data, Options);
        b.Train(data, Options);
        none.Train(data, Options);
        Assert.Equal(Bits(a.Parameters), Bits(b.Parameters));
        Assert.NotEqual(Bits(a.Parameters), Bits(none.Parameters));
        Network c = Build(0.3f);
        c.Train(data, Options with { Seed = 10 });
        Assert.NotEqual(Bits(a.Parameters), Bits(c.Parameters));   // the masks come from the run's seed
    }

    [Fact]
    public void InferenceIgnoresDropoutInPredictTheModelFileAndOnnx()
    {
        using var folder = new TempFolder();
        Dataset data = TestData.Moons();
        Network net = Build(0.4f, maxBatch: 100);
        net.Train(data, Options with { BatchSize = 0 });
        Network plain = Build(0f, maxBatch: 100);
        net.Parameters.CopyTo(plain.Parameters);
        float[] y = net.Predict(data.Features);
        Assert.Equal(Bits(plain.Predict(data.Features)), Bits(y));
        Assert.Equal(Bits(y), Bits(net.Predict(data.Features)));   // no randomness at inference

        ModelFile.Save(net, folder.File("model.json"));
        Network loaded = ModelFile.Load(folder.File("model.json"));
        Assert.Equal(0.4f, loaded.Layers[0].Dropout);
        Assert.Equal(0.2f, loaded.Layers[1].Dropout);
        Assert.Equal(Bits(y), Bits(loaded.Predict(data.Features)));

        OnnxExport.Save(net, folder.File("model.onnx"));   // dropout is left out: the identity at inference
        Network imported = OnnxImport.Load(folder.File("model.onnx")).Network;
        Assert.Equal(Bits(y), Bits(imported.Predict(data.Features)));
    }

    [Fact]
    public void ACheckpointedRunWithDropoutResumesBitExactly()
    {
        using var folder = new TempFolder();
        Dataset data = TestData.Moons();
        Network straight = Build(0.3f);
        new Trainer(straight, data, Options).Run();

        Network first = Build(0.3f);
        var trainer = new Trainer(first, data, Options);
        using var cancel = new CancellationTokenSource();
        trainer.Run(record => { if (record.Epoch == 11) cancel.Cancel(); }, cancel.Token);
        trainer.SaveCheckpoint(folder.File("run.checkpoint.json"));
        TrainingCheckpoint saved = TrainingCheckpoint.Load(folder.File("run.checkpoint.json"));
        Trainer.Resume(saved, data, Options).Run();
        Assert.Equal(Bits(straight.Parameters), Bits(saved.Network.Parameters));
    }

    [Fact]
    public void WarmEpochsWithDropoutAllocateNothing()
    {
        Dataset data = TestData.Moons();
        var trainer = new Trainer(Build(0.25f), data, Options);
        for (int i = 0; i < 20; i++) trainer.RunEpoch();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) trainer.RunEpoch();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BadRatesAndDropoutOnTheOutputAreRefused()
    {
        Assert.Contains("[0, 1)", Assert.Throws<FastNetException>(() => new NetworkBuilder(2).Dense(4, Activation.Relu, dropout: 1f).Dense(1, Activation.Sigmoid).Build()).Message);
        Assert.Contains("output layer", Assert.Throws<FastNetException>(() => new NetworkBuilder(2).Dense(1, Activation.Sigmoid, dropout: 0.5f).Build()).Message);
        var (exit, _, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "4:relu:dropout=1.5,1:sigmoid", "--out", "/tmp/never.json");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --layers: 'dropout=1.5'", error);
        using var folder = new TempFolder();
        (exit, _, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "16:relu:dropout=0.2,1:sigmoid", "--loss", "bce",
            "--lr", "0.5", "--epochs", "20", "--quiet", "--out", folder.File("model.json"));
        Assert.True(exit == 0, error);
        Assert.Equal(0.2f, ModelFile.Load(folder.File("model.json")).Layers[0].Dropout);
    }
}
