using FastNet.Data;
using FastNet.Tests.Support;

namespace FastNet.Tests.Serialization;

public class DatasetJsonTests
{
    [Fact]
    public void TheBundledSeedDataLoadsAsScikitLearnWroteIt()
    {
        Dataset data = TestData.Moons();
        Assert.Equal(100, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.True(data.HasLabels);
        Assert.Equal(50, data.Labels.ToArray().Count(l => l == 1));
        Assert.Equal(-0.053484f, data.Row(0)[0]);
        Assert.Equal(0.992582f, data.Row(0)[1]);
        Assert.StartsWith("scikit-learn 1.2.1 make_moons", data.Description);
    }

    [Fact]
    public void SaveThenLoadIsBitExactForLabelsAndTargets()
    {
        using var folder = new TempFolder();
        var labelled = new Dataset([0.1f, float.MaxValue, -3e-38f, 1f / 3f], 2, labels: [1, 0], description: "d");
        labelled.Save(folder.File("a.json"));
        Dataset a = Dataset.Load(folder.File("a.json"));
        Assert.Equal(labelled.Features.ToArray(), a.Features.ToArray());
        Assert.Equal(labelled.Labels.ToArray(), a.Labels.ToArray());
        Assert.Equal("d", a.Description);

        var regression = new Dataset([1f, 2f, 3f], 1, targets: [0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f], targetWidth: 2);
        regression.Save(folder.File("b.json"));
        Dataset b = Dataset.Load(folder.File("b.json"));
        Assert.False(b.HasLabels);
        Assert.Equal(2, b.TargetWidth);
        Assert.Equal(regression.Targets.ToArray(), b.Targets.ToArray());
    }

    [Theory]
    [InlineData("{\"features\": [[1, 2], [3]], \"labels\": [0, 1]}", "has 1 numbers, expected 2", "$.features[1]")]
    [InlineData("{\"features\": [[1, 2], [3, 4]], \"labels\": [0]}", "has 1 labels for 2 samples", "$.labels")]
    [InlineData("{\"features\": [[1, 2], [3, 4]], \"labels\": [0, -1]}", "out of range", "$.labels[1]")]
    [InlineData("{\"features\": [[1, 2], [3, 4]], \"labels\": [0, 0.5]}", "expected a whole number", "$.labels[1]")]
    [InlineData("{\"features\": [], \"labels\": []}", "has no samples", "$.features")]
    [InlineData("{\"features\": [[1, 2]]}", "missing \"labels\"", "$")]
    [InlineData("{\"features\": [[1, NaN]], \"labels\": [0]}", "invalid JSON", "line 1")]
    [InlineData("{\"features\": [[1, 2]], \"labels\": [0], \"targets\": [[1]]}", "has both", "$")]
    [InlineData("{\"features\": \"x\", \"labels\": [0]}", "expected an array, found a string", "$.features")]
    public void MalformedDatasetsAreRefusedWithFileAndPlace(string content, string problem, string where)
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.json", content);
        var e = Assert.Throws<FastNetFormatException>(() => Dataset.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains(where, e.Message);
    }

    [Fact]
    public void MoonsGeneratorFollowsTheFormulaAndIsSeeded()
    {
        Dataset noiseless = SyntheticData.Moons(100, 0, 3);
        for (int i = 0; i < noiseless.Count; i++)
        {
            float x = noiseless.Row(i)[0], y = noiseless.Row(i)[1];
            // outer: x² + y² = 1; inner: (x − 1)² + (y − ½)² = 1
            double radius = noiseless.Labels[i] == 0 ? x * x + y * y : (x - 1) * (x - 1) + (y - 0.5) * (y - 0.5);
            Assert.Equal(1.0, radius, 1e-5);
            Assert.True(noiseless.Labels[i] == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6);
        }
        Assert.Equal(50, noiseless.Labels.ToArray().Count(l => l == 0));
        Assert.Equal(SyntheticData.Moons(64, 0.2, 9).Features.ToArray(), SyntheticData.Moons(64, 0.2, 9).Features.ToArray());
        Assert.NotEqual(SyntheticData.Moons(64, 0.2, 9).Features.ToArray(), SyntheticData.Moons(64, 0.2, 10).Features.ToArray());
    }
}
