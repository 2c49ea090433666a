using FastNet.Onnx;
using FastNet.Tests.Support;

namespace FastNet.Tests.Onnx;

/// <summary>The standardisation carried by model files and ONNX graphs.</summary>
public class StandardizationTests
{
    [Fact]
    public void ApplyIsTheZScorePerFeature()
    {
        var s = new Standardization([1f, -2f], [2f, 0.5f]);
        float[] x = [3f, -2f, 1f, -1f];
        s.Apply(x, x);
        Assert.Equal([1f, 0f, 0f, 2f], x);
        Assert.Throws<FastNetException>(() => s.Apply(new float[3], new float[3]));
    }

    [Theory]
    [InlineData(new float[] { 0 }, new float[] { 0 }, "the std of feature 0 is 0")]
    [InlineData(new float[] { 0 }, new float[] { -1 }, "the std of feature 0 is -1")]
    [InlineData(new float[] { float.NaN }, new float[] { 1 }, "the mean of feature 0 is NaN")]
    [InlineData(new float[] { 0, 1 }, new float[] { 1 }, "not 2 and 1")]
    [InlineData(new float[0], new float[0], "not 0 and 0")]
    public void InvalidValuesAreRefused(float[] mean, float[] std, string expected)
    {
        var error = Assert.Throws<FastNetException>(() => new Standardization(mean, std));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"standardize": null}""", null)]
    [InlineData("""{"other": 1}""", null)]
    [InlineData("""{"standardize": {"mean": [1], "std": [2]}}""", "")]
    [InlineData("""{"standardize": {"mean": [1], "scale": [2]}}""", "")]
    [InlineData("""{"standardize": [1, 2]}""", "expected an object, found an array at $.standardize")]
    [InlineData("""{"standardize": {"mean": [1]}}""", "missing \"std\" at $.standardize")]
    [InlineData("""{"standardize": {"mean": [1], "std": [0]}}""", "the std of feature 0 is 0, not a positive finite number at $.standardize")]
    [InlineData("""{"standardize": {"mean": [1, "a"], "std": [1, 1]}}""", "expected a number, found a string at $.standardize.mean[1]")]
    public void ModelFileFieldIsReadWithPlaces(string json, string? expected)
    {
        using var folder = new TempFolder();
        string path = folder.Write("m.json", json);
        if (expected is null)
        {
            Assert.Null(Standardization.ReadFromModelFile(path));
            return;
        }
        if (expected.Length == 0)
        {
            Standardization s = Standardization.ReadFromModelFile(path)!;
            Assert.Equal([1f], s.Mean.ToArray());
            Assert.Equal([2f], s.Std.ToArray());
            return;
        }
        var error = Assert.Throws<FastNetFormatException>(() => Standardization.ReadFromModelFile(path));
        Assert.Equal($"{path}: {expected}", error.Message);
    }
}
