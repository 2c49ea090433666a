using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Data;

/// <summary>Datasets from arrays in memory: copies, class names, split, subset, shuffle, and their streams and files.</summary>
public class DatasetFromTests
{
    private static readonly float[,] Matrix = { { 1f, 2f }, { 3f, 4f }, { 5f, 6f } };

    [Fact]
    public void EveryShapeGivesTheSameRowMajorSamples()
    {
        float[][] rows = [[1f, 2f], [3f, 4f], [5f, 6f]];
        Dataset a = Dataset.From(Matrix, [0, 1, 1]);
        Dataset b = Dataset.From(rows, [0, 1, 1]);
        Dataset c = Dataset.From(Matrix, new float[,] { { 0.5f }, { -1f }, { 2f } });
        Dataset d = Dataset.From(rows, [[0.5f], [-1f], [2f]]);
        foreach (Dataset data in new[] { a, b, c, d })
        {
            Assert.Equal(3, data.Count);
            Assert.Equal(2, data.FeatureCount);
            Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Features.ToArray());
        }
        Assert.Equal([0, 1, 1], b.Labels.ToArray());
        Assert.Equal([0.5f, -1f, 2f], d.Targets.ToArray());
        Assert.Null(a.ClassNames);
    }

    [Fact]
    public void InputsAreCopiedSoLaterWritesChangeNothing()
    {
        var x = (float[,])Matrix.Clone();
        int[] y = [0, 1, 1];
        float[] flat = [1f, 2f, 3f, 4f];
        Dataset a = Dataset.From(x, y);
        var b = new Dataset(flat, 2, labels: [0, 1]);
        x[0, 0] = float.NaN;
        y[0] = 5;
        flat[0] = float.NaN;
        Assert.Equal(1f, a.Features[0]);
        Assert.Equal(0, a.Labels[0]);
        Assert.Equal(1f, b.Features[0]);
    }

    [Fact]
    public void ProgrammingErrorsAreArgumentExceptionsAndBadValuesFastNetExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => Dataset.From((float[,])null!, [0]));
        Assert.Throws<ArgumentException>(() => Dataset.From(Matrix, [0, 1]));
        Assert.Throws<ArgumentException>(() => Dataset.From(new float[0, 2], Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => Dataset.From(new[] { new[] { 1f, 2f }, new[] { 3f } }, [0, 1]));
        Assert.Throws<ArgumentException>(() => Dataset.From(Matrix, ["a", null!, "b"]));
        Assert.Throws<ArgumentException>(() => Dataset.From(Matrix, new float[2, 1]));
        var error = Assert.Throws<FastNetException>(() => Dataset.From(new float[,] { { 1f, float.NaN } }, [0]));
        Assert.Contains("feature 1 of sample 0", error.Message);
        Assert.Throws<FastNetException>(() => Dataset.From(Matrix, [0, -1, 1]));
    }

    [Fact]
    public void StringLabelsBecomeOrdinalClassIdsWithTheirNames()
    {
        Dataset data = Dataset.From(Matrix, ["dog", "cat", "dog"]);
        Assert.Equal(["cat", "dog"], data.ClassNames!);
        Assert.Equal([1, 0, 1], data.Labels.ToArray());
        Assert.Equal(2, data.ClassCount);
        Dataset three = Dataset.From(new float[,] { { 0f }, { 1f }, { 2f } }, ["b", "c", "a"]);
        Assert.Equal(3, three.ClassCount);
        Assert.Equal([1, 2, 0], three.Labels.ToArray());
    }

    [Theory]
    [InlineData(DatasetFormat.Json)]
    [InlineData(DatasetFormat.Csv)]
    public void ClassNamesSurviveStreamsAndFiles(DatasetFormat format)
    {
        Dataset data = Dataset.From(Matrix, ["dog", "cat", "dog"], "pets");
        using var stream = new MemoryStream();
        data.Save(stream, format);
        stream.Position = 0;
        Dataset back = Dataset.Load(stream, format);
        Assert.Equal(["cat", "dog"], back.ClassNames!);
        Assert.Equal(data.Labels.ToArray(), back.Labels.ToArray());
        Assert.Equal(data.Features.ToArray(), back.Features.ToArray());
        using var folder = new TempFolder();
        string path = folder.File(format == DatasetFormat.Csv ? "pets.csv" : "pets.json");
        data.Save(path);
        Assert.Equal(["cat", "dog"], Dataset.Load(path).ClassNames!);
    }

    [Fact]
    public void SubsetAndShuffleKeepRowsTogether()
    {
        Dataset data = Dataset.From(Matrix, ["x", "y", "z"]);
        Dataset picked = data.Subset([2, 0, 2]);
        Assert.Equal([5f, 6f, 1f, 2f, 5f, 6f], picked.Features.ToArray());
        Assert.Equal([2, 0, 2], picked.Labels.ToArray());
        Assert.Equal(data.ClassNames, picked.ClassNames);
        Assert.Equal([3f, 4f, 5f, 6f], data.Subset(1, 2).Features.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset(2, 2));

        Dataset big = SyntheticData.Blobs(50, 3, 2, 1.0, 1);
        Dataset shuffled = big.Shuffle(7);
        Assert.Equal(shuffled.Features.ToArray(), big.Shuffle(7).Features.ToArray());
        Assert.NotEqual(big.Features.ToArray(), shuffled.Features.ToArray());
        for (int i = 0; i < shuffled.Count; i++)
        {
            int source = FindRow(big, shuffled.Row(i));
            Assert.Equal(big.Labels[source], shuffled.Labels[i]);
        }
    }

    [Fact]
    public void PublicSplitIsTheTrainersValidationSplit()
    {
        Dataset data = SyntheticData.Blobs(40, 2, 2, 1.0, 2);
        (Dataset train, Dataset test) = data.Split(0.25, seed: 3);
        Assert.Equal(data.Count, train.Count + test.Count);
        Assert.Equal(test.Features.ToArray(), data.Split(0.25, 3UL).Test.Features.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(1.0));
    }

    [Fact]
    public void ANetworkKeepsTheClassNamesItWasTrainedOnAndItsFileToo()
    {
        Dataset data = Dataset.From(Matrix, ["dog", "cat", "dog"]);
        Network net = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).Build();
        net.Train(data, new TrainingOptions { Epochs = 2 });
        Assert.Equal(["cat", "dog"], net.ClassNames!);
        using var stream = new MemoryStream();
        ModelFile.Save(net, stream);
        stream.Position = 0;
        Network back = ModelFile.Load(stream);
        Assert.Equal(["cat", "dog"], back.ClassNames!);
        Assert.Equal(net.Parameters.ToArray(), back.Parameters.ToArray());
        var other = Dataset.From(Matrix, ["ant", "bee", "ant"]);
        Assert.Throws<FastNetException>(() => back.Evaluate(other));
    }

    [Fact]
    public void IntLongAndUlongSeedsAreTheSameSeed()
    {
        int seed = 5;
        Network a = new NetworkBuilder(2).Dense(3, Activation.Tanh).Dense(1, Activation.Sigmoid).WithSeed(seed).Build();
        Network b = new NetworkBuilder(2).Dense(3, Activation.Tanh).Dense(1, Activation.Sigmoid).WithSeed(5UL).Build();
        Network c = new NetworkBuilder(2).Dense(3, Activation.Tanh).Dense(1, Activation.Sigmoid).WithSeed(5L).Build();
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.Equal(a.Parameters.ToArray(), c.Parameters.ToArray());
        var options = new TrainingOptions { Seed = seed };
        Assert.Equal(5UL, (ulong)options.Seed);
        Dataset data = SyntheticData.Moons(30, 0.1, seed);
        Assert.Equal(SyntheticData.Moons(30, 0.1, 5UL).Features.ToArray(), data.Features.ToArray());
        Assert.NotEqual(new RandomSeed(unchecked((ulong)-1L)), new RandomSeed(1));
        Assert.Equal(new RandomSeed(ulong.MaxValue), (RandomSeed)(-1));
    }

    private static int FindRow(Dataset data, ReadOnlySpan<float> row)
    {
        for (int i = 0; i < data.Count; i++)
            if (data.Row(i).SequenceEqual(row)) return i;
        throw new InvalidOperationException("row not found");
    }
}
