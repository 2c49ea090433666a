using System.Globalization;
using System.Text;
using FastNet.Data;
using FastNet.Tests.Support;
using FsCheck.Xunit;

namespace FastNet.Tests.Reliability;

/// <summary>
/// One set of data rules for JSON and CSV: the same samples written in both formats load to the same dataset or are
/// refused by both, with a location in every message; predict reads features without labels.
/// </summary>
public sealed class FormatConsistencyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private int _case;

    // label texts that are valid in both formats, or invalid in both (as a column headed "label")
    private static readonly string[] LabelTexts = ["0", "1", "2", "1.0", "2e0", "0.5", "-1", "1048576", "1048577", "1e30", "-0"];

    [Property(MaxTest = 500)]
    public void TheSameSamplesAsJsonAndCsvLoadAlikeOrFailAlike(int seed)
    {
        var random = new Random(seed);
        int rows = random.Next(1, 5), features = random.Next(1, 4);
        bool regression = random.Next(4) == 0, bom = random.Next(3) == 0;
        var json = new StringBuilder(bom ? "\uFEFF" : "").Append("{\"features\": [");
        var csv = new StringBuilder(bom ? "\uFEFF" : "");
        for (int f = 0; f < features; f++) csv.Append($"x{f + 1},");
        csv.Append(regression ? "target\n" : "label\n");
        var column = new List<string>();
        for (int i = 0; i < rows; i++)
        {
            var values = new string[features];
            for (int f = 0; f < features; f++) values[f] = (random.NextDouble() * 20 - 10).ToString("R", CultureInfo.InvariantCulture);
            string last = regression ? (random.NextDouble() * 4 - 2).ToString("R", CultureInfo.InvariantCulture) : LabelTexts[random.Next(LabelTexts.Length)];
            json.Append(i > 0 ? ", " : "").Append('[').Append(string.Join(", ", values)).Append(']');
            csv.Append(string.Join(',', values)).Append(',').Append(last).Append('\n');
            column.Add(last);
        }
        json.Append(regression ? "], \"targets\": [" : "], \"labels\": [");
        json.Append(string.Join(", ", column.Select(v => regression ? $"[{v}]" : v))).Append("]}");

        int n = Interlocked.Increment(ref _case);
        string jsonPath = _folder.Write($"d{n}.json", json.ToString()), csvPath = _folder.Write($"d{n}.csv", csv.ToString());
        (Dataset? a, FastNetFormatException? ea) = Load(jsonPath);
        (Dataset? b, FastNetFormatException? eb) = Load(csvPath);
        Assert.True((a is null) == (b is null), $"JSON: {ea?.Message ?? "loads"}; CSV: {eb?.Message ?? "loads"}\n{json}\n{csv}");
        if (a is null)
        {
            Assert.NotEqual("", ea!.Location);
            Assert.NotEqual("", eb!.Location);
            return;
        }
        Assert.Equal(a.Features.ToArray(), b!.Features.ToArray());
        Assert.Equal(a.HasLabels, b.HasLabels);
        Assert.Equal(a.Labels.ToArray(), b.Labels.ToArray());
        Assert.Equal(a.Targets.ToArray(), b.Targets.ToArray());
    }

    [Fact]
    public void ALabelWithAZeroFractionIsALabelInBothFormats()
    {
        Assert.Equal([0, 1], Dataset.Load(_folder.Write("a.json", "{\"features\": [[1], [2]], \"labels\": [0, 1.0]}")).Labels.ToArray());
        Assert.Equal([0, 1], Dataset.Load(_folder.Write("a.csv", "x,label\n1,0\n2,1.0\n")).Labels.ToArray());
    }

    [Theory]
    [InlineData("-1", "-1 is out of range (0 to 1048576)")]
    [InlineData("0.5", "expected a whole number, found the number 0.5")]
    public void ANegativeOrFractionalLabelIsRefusedInBothFormats(string label, string problem)
    {
        var json = Assert.Throws<FastNetFormatException>(() => Dataset.Load(_folder.Write("b.json", $"{{\"features\": [[1], [2]], \"labels\": [0, {label}]}}")));
        Assert.Contains(problem, json.Message);
        Assert.Equal("$.labels[1]", json.Location);
        var csv = Assert.Throws<FastNetFormatException>(() => Dataset.Load(_folder.Write("b.csv", $"x,label\n1,0\n2,{label}\n")));
        Assert.Contains(problem, csv.Message);
        Assert.Equal("line 3, column 2 (label)", csv.Location);
    }

    [Fact]
    public void BceRefusesTargetsOutsideZeroToOne()
    {
        Dataset data = Dataset.Load(_folder.Write("c.csv", "1,0\n2,-1\n"));
        Assert.False(data.HasLabels);
        Network network = new NetworkBuilder(1).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).Build();
        var e = Assert.Throws<FastNetFormatException>(() => network.Train(data, new FastNet.Training.TrainingOptions { Epochs = 1 }));
        Assert.Contains("target -1 of sample 1 is outside [0, 1]", e.Message);
    }

    [Fact]
    public void AByteOrderMarkIsSkippedInJsonAsInCsv() =>
        Assert.Equal(2, Dataset.Load(_folder.Write("bom.json", "\uFEFF{\"features\": [[1], [2]], \"labels\": [0, 1]}")).Count);

    [Fact]
    public void DuplicateKeysAndHeadersHaveALocation()
    {
        var json = Assert.Throws<FastNetFormatException>(() => Dataset.Load(_folder.Write("dup.json", "{\"features\": [[1]], \"labels\": [0], \"labels\": [1]}")));
        Assert.Equal("$.labels", json.Location);
        var csv = Assert.Throws<FastNetFormatException>(() => Dataset.Load(_folder.Write("dup.csv", "x,y,x,label\n1,2,3,0\n")));
        Assert.Equal("line 1, column 3", csv.Location);
        Assert.Contains("repeats the header \"x\" of column 1", csv.Message);
    }

    [Theory]
    [InlineData("f.json", "{\"features\": [[0, 1], [1, 0]]}")]
    [InlineData("f.csv", "x1,x2\n0,1\n1,0\n")]
    [InlineData("g.csv", "0,1,1\n1,0,0\n")]
    public void PredictTakesFeaturesWithoutLabels(string name, string content)
    {
        string model = _folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "2:tanh,1:sigmoid", "--epochs", "2", "--out", model, "--quiet").Exit);
        var (exit, output, error) = CliRunner.Run("predict", "--model", model, "--data", _folder.Write(name, content));
        Assert.True(exit == 0, error);
        Assert.Equal(2, output.TrimEnd('\n').Split('\n').Length);
    }

    private static (Dataset?, FastNetFormatException?) Load(string path)
    {
        try
        {
            return (Dataset.Load(path), null);
        }
        catch (FastNetFormatException e)
        {
            return (null, e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _folder.Dispose();
}
