using FastNet.Data;
using FastNet.Tests.Support;

namespace FastNet.Tests.Data;

/// <summary>CSV datasets: header optional, label column by name or index, bit-exact round trip, errors with line and column.</summary>
public class DatasetCsvTests
{
    [Fact]
    public void HeaderIsOptionalAndTheLastColumnIsTheLabelByDefault()
    {
        using var folder = new TempFolder();
        foreach (string text in new[] { "a,b,class\n1.5,-2,0\n3,4e-1,1\n", "1.5,-2,0\r\n\r\n3,0.4,1" })
        {
            string path = folder.Write("d.csv", text);
            Dataset data = Dataset.Load(path);
            Assert.Equal(2, data.Count);
            Assert.Equal(2, data.FeatureCount);
            Assert.Equal([1.5f, -2f, 3f, 0.4f], data.Features.ToArray());
            Assert.Equal([0, 1], data.Labels.ToArray());
        }
    }

    [Theory]
    [InlineData("class")]
    [InlineData("0")]
    [InlineData("-3")]
    public void LabelColumnByNameOrIndex(string column)
    {
        using var folder = new TempFolder();
        string path = folder.Write("d.csv", "\"class\",x,y\n2,0.5,0.25\n0,1,2\n");
        Dataset data = Dataset.Load(path, column);
        Assert.Equal([0.5f, 0.25f, 1f, 2f], data.Features.ToArray());
        Assert.Equal([2, 0], data.Labels.ToArray());
    }

    [Fact]
    public void NonIntegerLabelColumnMakesRegressionTargets()
    {
        using var folder = new TempFolder();
        Dataset data = Dataset.Load(folder.Write("r.csv", "x,y\n1,0.5\n2,-1\n"));
        Assert.False(data.HasLabels);
        Assert.Equal([0.5f, -1f], data.Targets.ToArray());
    }

    [Fact]
    public void WriteThenReadIsBitExact()
    {
        using var folder = new TempFolder();
        Dataset data = SyntheticData.Blobs(50, 4, 3, 1.0, seed: 9);
        string path = folder.File("blobs.csv");
        data.Save(path);
        Assert.StartsWith("x1,x2,x3,label\n", File.ReadAllText(path));
        Dataset back = Dataset.Load(path);
        Assert.Equal(data.Features.ToArray(), back.Features.ToArray());
        Assert.Equal(data.Labels.ToArray(), back.Labels.ToArray());

        var regression = new Dataset([1f / 3, 2e-30f, -7f, 0.1f], 2, targets: [float.Epsilon, 3.4e38f], targetWidth: 1);
        regression.Save(path);
        back = Dataset.Load(path);
        Assert.Equal(regression.Features.ToArray(), back.Features.ToArray());
        Assert.Equal(regression.Targets.ToArray(), back.Targets.ToArray());
    }

    [Fact]
    public void SaveFollowsTheExtensionOrTheFormatGiven()
    {
        using var folder = new TempFolder();
        Dataset data = SyntheticData.Xor(10, 0, seed: 1);
        data.Save(folder.File("a.json"));
        data.Save(folder.File("b.csv"));
        data.Save(folder.File("c.txt"), DatasetFormat.Csv);
        Assert.StartsWith("{", File.ReadAllText(folder.File("a.json")));
        Assert.StartsWith("x1,x2,label", File.ReadAllText(folder.File("b.csv")));
        Assert.StartsWith("x1,x2,label", File.ReadAllText(folder.File("c.txt")));
        Assert.Equal(data.Features.ToArray(), Dataset.Load(folder.File("a.json")).Features.ToArray());
    }

    [Theory]
    [InlineData("x,y,label\n1,2,0\n3,4\n", "has 2 values, expected 3 at line 3")]
    [InlineData("x,y,label\n1,2,0\n3,abc,1\n", "\"abc\" is not a number at line 3, column 2 (y)")]
    [InlineData("1,2,0\n3,NaN,1\n", "NaN is not a finite single-precision number at line 2, column 2")]
    [InlineData("1,2,0\n3,Infinity,1\n", "Infinity is not a finite single-precision number at line 2, column 2")]
    [InlineData("1,2,0\n3,1e39,1\n", "1e39 is not a finite single-precision number at line 2, column 2")]
    [InlineData("1,2,0\n3,,1\n", "the value is empty at line 2, column 2")]
    [InlineData("1,2,0\n3,\"4,1\n", "has a stray double quote")]
    [InlineData("", ": is empty")]
    [InlineData("\n  \n", ": is empty")]
    [InlineData("x,y,label\n", ": has a header but no samples")]
    [InlineData("5\n6\n", "has 1 column; a dataset needs at least one feature and a label column at line 1")]
    [InlineData("x,y,label\n1,2,-1\n", "-1 is out of range (0 to 1048576) at line 2, column 3 (label)")]   // a column headed label holds labels
    [InlineData("1,2,-1\n", "")]
    public void MalformedCsvNamesFileLineAndColumn(string text, string expected)
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.csv", text);
        if (expected.Length == 0)
        {
            // without a header, a negative value in the last column makes it a regression target
            Assert.False(Dataset.Load(path).HasLabels);
            return;
        }
        var error = Assert.Throws<FastNetFormatException>(() => Dataset.Load(path));
        Assert.Equal(path, error.File);
        Assert.Contains(expected, error.Message);
        Assert.StartsWith(path + ": ", error.Message);
    }

    [Theory]
    [InlineData("nope", "has no column named \"nope\" (x, y, label)")]
    [InlineData("3", "has 3 columns, so there is no label column 3")]
    public void UnknownLabelColumnIsRefused(string column, string expected)
    {
        using var folder = new TempFolder();
        string path = folder.Write("d.csv", "x,y,label\n1,2,0\n");
        var error = Assert.Throws<FastNetFormatException>(() => Dataset.Load(path, column));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void RandomTextGivesADatasetOrAFormatErrorNeverAnotherException()
    {
        using var folder = new TempFolder();
        string path = folder.File("random.csv");
        string[] tokens = ["0", "1", "2.5", "-3", "1e5", "1e40", "NaN", "x", ",", ",", ",", "\n", "\n", "\r\n", "\"", " ", "", "-", ".", "label", "\uFEFF"];
        var random = new Random(99);
        int loaded = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            var text = new System.Text.StringBuilder();
            int length = random.Next(40);
            for (int i = 0; i < length; i++) text.Append(tokens[random.Next(tokens.Length)]);
            File.WriteAllText(path, text.ToString());
            try
            {
                Dataset data = Dataset.Load(path);
                Assert.True(data.Count > 0 && data.FeatureCount > 0);
                loaded++;
            }
            catch (FastNetFormatException e)
            {
                Assert.StartsWith(path + ": ", e.Message);
                Assert.DoesNotContain('\n', e.Message);
            }
        }
        Assert.True(loaded > 0, "some random tables should be valid");
    }
}
