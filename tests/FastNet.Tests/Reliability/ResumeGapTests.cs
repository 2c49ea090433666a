using System.Text.RegularExpressions;
using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Reliability;

/// <summary>What a resume must notice: other data at the checkpoint's path, and trainer counters no run can reach.</summary>
public class ResumeGapTests
{
    private static readonly TrainingOptions Options = new() { Epochs = 6, BatchSize = 10, Seed = 2, Optimizer = new OptimizerOptions { LearningRate = 0.3f } };

    private static string Checkpoint(TempFolder folder, Dataset data)
    {
        Network network = new NetworkBuilder(2).Dense(4, Activation.Tanh).Dense(1, Activation.Sigmoid).WithSeed(1).WithMaxBatch(10).Build();
        var trainer = new Trainer(network, data, Options);
        trainer.RunEpoch();
        trainer.RunEpoch();
        string path = folder.File("c.json");
        trainer.SaveCheckpoint(path);
        return path;
    }

    [Fact]
    public void ChangedDataIsNoticed()
    {
        using var folder = new TempFolder();
        Dataset moons = TestData.Moons();
        string path = Checkpoint(folder, moons);
        float[] features = moons.Features.ToArray();
        features[7] += 0.5f;
        var changed = new Dataset(features, moons.FeatureCount, labels: moons.Labels.ToArray());
        var e = Assert.Throws<FastNetException>(() => Trainer.Resume(TrainingCheckpoint.Load(path), changed, Options));
        Assert.Contains("is not the data this checkpoint was trained on", e.Message);
        Trainer.Resume(TrainingCheckpoint.Load(path), moons, Options).Run();   // the same data resumes
    }

    [Theory]
    [InlineData("\"rateScale\": 1", "\"rateScale\": -1", "$.trainer.rateScale")]
    [InlineData("\"rateScale\": 1", "\"rateScale\": 0.75", "$.trainer.rateScale")]
    [InlineData("\"halvings\": 0", "\"halvings\": 21", "$.trainer.halvings")]
    [InlineData("\"bestEpoch\": 0", "\"bestEpoch\": 9", "$.trainer.bestEpoch")]
    [InlineData("\"badEpochs\": 0", "\"badEpochs\": 9", "$.trainer.badEpochs")]
    [InlineData("\"bestLoss\": \"Infinity\"", "\"bestLoss\": \"-1\"", "$.trainer.bestLoss")]
    [InlineData("\"bestLoss\": \"Infinity\"", "\"bestLoss\": \"NaN\"", "$.trainer.bestLoss")]
    public void TrainerCountersNoRunCanReachAreRefused(string find, string replace, string location)
    {
        using var folder = new TempFolder();
        string path = Checkpoint(folder, TestData.Moons());
        string text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace));
        var e = Assert.Throws<FastNetFormatException>(() => TrainingCheckpoint.Load(path));
        Assert.Equal(location, e.Location);
    }

    [Fact]
    public void ACheckpointWithoutADataChecksumStillResumes()
    {
        using var folder = new TempFolder();
        string path = Checkpoint(folder, TestData.Moons());
        File.WriteAllText(path, Regex.Replace(File.ReadAllText(path), ",\\s*\"data\": \"sha256:[0-9a-f]+\"", ""));
        Trainer.Resume(TrainingCheckpoint.Load(path), TestData.Moons(), Options).Run();
    }
}
