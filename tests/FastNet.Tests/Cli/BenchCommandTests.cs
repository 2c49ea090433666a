using System.Text.Json;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary><c>fastnet bench</c>: the JSON a user scripts against, and one-line usage errors (no timing asserted).</summary>
public class BenchCommandTests
{
    [Fact]
    public void GemmReportsItsShapeAndAPositiveRate()
    {
        var (exit, output, error) = CliRunner.Run("bench", "gemm", "--shape", "33x17x9", "--form", "tn", "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("33x17x9", json.RootElement.GetProperty("shape").GetString());
        Assert.Equal("tn", json.RootElement.GetProperty("form").GetString());
        Assert.True(json.RootElement.GetProperty("gflops").GetDouble() > 0);
    }

    [Fact]
    public void TrainReportsZeroBytesPerStep()
    {
        var (exit, output, error) = CliRunner.Run("bench", "train", "--layers", "4:sigmoid,1:sigmoid", "--inputs", "2", "--batch", "100", "--loss", "sse", "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("allocatedBytesPerStep").GetInt64());
        Assert.True(json.RootElement.GetProperty("millisecondsPerStep").GetDouble() > 0);
    }

    [Theory]
    [InlineData("bench", "gemm", "--shape", "3x4")]
    [InlineData("bench", "gemm", "--shape", "8x8x8", "--form", "tt")]
    [InlineData("bench", "gemm", "--shape", "8x8x8", "--threads", "0")]
    [InlineData("bench", "train", "--layers", "4:wobble", "--inputs", "2")]
    [InlineData("bench", "train", "--layers", "4:sigmoid", "--inputs", "2", "--loss", "hinge")]
    public void BadOptionsAreOneLineUsageErrors(params string[] args)
    {
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }
}
