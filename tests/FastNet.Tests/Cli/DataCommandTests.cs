using System.Text.Json;
using FastNet.Data;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary><c>fastnet data</c>: every generator, JSON or CSV by extension or --format, and its JSON report.</summary>
public class DataCommandTests
{
    [Theory]
    [InlineData("moons", "m.json", "json", 2, 2)]
    [InlineData("circles", "c.csv", "csv", 2, 2)]
    [InlineData("blobs", "b.csv", "csv", 3, 3)]
    [InlineData("xor", "x.dat", "json", 2, 2)]
    [InlineData("spirals", "s.json", "json", 2, 2)]
    public void EveryGeneratorWritesItsDataAndReportsIt(string generator, string file, string format, int features, int classes)
    {
        using var folder = new TempFolder();
        string path = folder.File(file);
        string[] extra = generator == "blobs" ? ["--features", "3"] : [];
        var (exit, output, error) = CliRunner.Run(["data", generator, "--samples", "120", "--seed", "4", "--out", path, "--json", .. extra]);
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(generator, json.RootElement.GetProperty("generator").GetString());
        Assert.Equal(120, json.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(features, json.RootElement.GetProperty("features").GetInt32());
        Assert.Equal(classes, json.RootElement.GetProperty("classes").GetInt32());
        Assert.Equal(format, json.RootElement.GetProperty("format").GetString());
        Assert.Equal(format == "csv" ? 'x' : '{', File.ReadAllText(path)[0]);
        Dataset data = Dataset.Load(path);
        Assert.Equal(120, data.Count);
    }

    [Fact]
    public void FormatOptionOverridesTheExtension()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.json");
        Assert.Equal(0, CliRunner.Run("data", "xor", "--out", path, "--format", "csv").Exit);
        Assert.StartsWith("x1,x2,label", File.ReadAllText(path));
    }

    [Fact]
    public void GeneratorsMatchTheLibrary()
    {
        using var folder = new TempFolder();
        string path = folder.File("c.json");
        Assert.Equal(0, CliRunner.Run("data", "circles", "--samples", "40", "--noise", "0.05", "--factor", "0.3", "--seed", "9", "--out", path).Exit);
        Assert.Equal(SyntheticData.Circles(40, 0.05, 0.3, 9).Features.ToArray(), Dataset.Load(path).Features.ToArray());
    }

    [Theory]
    [InlineData(2, "data", "circles", "--format", "xml", "--out", "o.json")]
    [InlineData(2, "data", "circles", "--factor", "1.5", "--out", "o.json")]
    [InlineData(2, "data", "blobs", "--classes", "0", "--out", "o.json")]
    [InlineData(2, "data", "spirals", "--samples", "1", "--out", "o.json")]
    [InlineData(1, "data", "moons", "--out", "/no/such/folder/o.json")]
    public void BadParametersFailCleanly(int expectedExit, params string[] args)
    {
        using var folder = new TempFolder();
        for (int i = 0; i < args.Length; i++) if (args[i] == "o.json") args[i] = folder.File("o.json");
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(expectedExit, exit);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(folder.File("o.json")));
    }

    [Fact]
    public void CsvDataTrainsAndEvaluatesWithALabelColumnChosenByName()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("d.csv", "label,x,y\n0,0,0\n1,1,1\n0,0.1,0\n1,0.9,1\n");
        string model = folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "1:sigmoid", "--epochs", "1", "--out", model, "--quiet").Exit);
        var (exit, output, error) = CliRunner.Run("eval", "--model", model, "--data", csv, "--label-column", "label", "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(4, json.RootElement.GetProperty("samples").GetInt32());

        string ragged = folder.Write("ragged.csv", "x,y,label\n0,0,0\n1,1\n");
        (exit, _, error) = CliRunner.Run("eval", "--model", model, "--data", ragged);
        Assert.Equal(1, exit);
        Assert.Equal($"error: {ragged}: has 2 values, expected 3 at line 3", error.TrimEnd());
    }
}
