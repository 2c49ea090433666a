using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Reliability;

/// <summary>
/// Library calls check their arguments with .NET's exception types and a message (FastNetException stays for bad data,
/// models and files); overlapping spans and re-entrant training are refused.
/// </summary>
public class LibraryArgumentTests
{
    private static Network Small() => new NetworkBuilder(2).Dense(3, Activation.Tanh).Dense(2, Activation.Softmax).WithLoss(Loss.CrossEntropy).Build();

    [Fact]
    public void NullArgumentsThrowArgumentNullException()
    {
        Network network = Small();
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => network.Evaluate(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => Dataset.Load(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => ModelFile.Load((string)null!)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => network.Train(null!, new TrainingOptions())).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => network.Train(TestData.Moons(), null!)).ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(int.MinValue)]
    public void ALayerOutOfRangeSaysWhichLayersExist(int layer)
    {
        Network network = Small();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => network.Weights(layer));
        Assert.Equal("layer", e.ParamName);
        Assert.Contains("0 to 1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Bias(layer));
    }

    [Fact]
    public void ALabelAboveTheLimitIsRefusedAsData()
    {
        var e = Assert.Throws<FastNetException>(() => new Dataset([1f, 2f], 1, labels: [0, int.MaxValue]));
        Assert.Contains("label 2147483647 of sample 1", e.Message);
        Assert.Equal(1048577, new Dataset([1f, 2f], 1, labels: [0, 1 << 20]).ClassCount);
    }

    [Fact]
    public void TrainingInsideTheProgressCallbackIsRefused()
    {
        Dataset moons = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(4, Activation.Tanh).Dense(1, Activation.Sigmoid).WithMaxBatch(moons.Count).Build();
        var trainer = new Trainer(network, moons, new TrainingOptions { Epochs = 3 });
        FastNetException? refused = null;
        trainer.Run(_ =>
        {
            try { network.Train(moons, new TrainingOptions { Epochs = 1 }); }
            catch (FastNetException e) { refused ??= e; }
        });
        Assert.NotNull(refused);
        Assert.Contains("already training", refused!.Message);
    }

    [Fact]
    public void PredictingInPlaceIsRefused()
    {
        Network network = new NetworkBuilder(2).Dense(4, Activation.Tanh).Dense(2, Activation.Identity).Build();
        float[] buffer = TestData.Uniform(12, 3);
        var e = Assert.Throws<ArgumentException>(() => network.Predict(buffer, buffer));
        Assert.Contains("overlap", e.Message);
        Assert.Throws<ArgumentException>(() => network.Predict(buffer.AsSpan(0, 8), buffer.AsSpan(4, 8)));
        Assert.Throws<ArgumentException>(() => network.CreatePredictor().Predict(buffer, buffer));
        network.Predict(buffer.AsSpan(0, 6), buffer.AsSpan(6, 6));   // side by side is fine
    }
}
