using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>The wording of error lines: commands named, no raw .NET texts, no control characters, singular where it is one.</summary>
public class MessageTests
{
    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate' (one of demo, data, train")]
    [InlineData(new[] { "data", "squares" }, "unknown command 'squares' (one of moons, circles, blobs, xor, spirals)")]
    [InlineData(new[] { "data" }, "give a command (one of moons, circles")]
    public void AMissingOrUnknownCommandListsTheCommands(string[] args, string expected)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: " + expected, error);
        Assert.DoesNotContain("Required command", error);
    }

    [Fact]
    public void AnEscapeInAFileNameNeverReachesTheTerminal()
    {
        using var folder = new TempFolder();
        string path = folder.File("bad\u001b[31mname.json");
        var (exit, _, error) = CliRunner.Run("eval", "--model", path, "--data", TestData.MoonsPath);
        Assert.Equal(1, exit);
        Assert.DoesNotContain('\u001b', error);
        Assert.Contains("\\u001b", error);
    }

    [Fact]
    public void OneValueIsSingular()
    {
        using var folder = new TempFolder();
        string data = folder.Write("d.csv", "x,y,label\n1,2,0\n3\n");
        var (exit, _, error) = CliRunner.Run("eval", "--model", TestData.MoonsPath, "--data", data);
        Assert.Equal(1, exit);
        Assert.True(error.Contains("has 1 value, expected 3") || error.Contains(TestData.MoonsPath), error);
        var e = Assert.Throws<FastNetFormatException>(() => FastNet.Data.Dataset.Load(data));
        Assert.Contains("has 1 value, expected 3", e.Message);
    }

    [Fact]
    public void ARawSystemTextNeverLeaks()
    {
        using var folder = new TempFolder();
        string sub = Directory.CreateDirectory(folder.File("sub")).FullName;
        var (_, _, error) = CliRunner.Run("data", "moons", "--out", sub);
        Assert.DoesNotContain("Is a directory", error);
        Assert.DoesNotContain("Access to the path", error);
        Assert.DoesNotContain("already exists", error);
    }
}
