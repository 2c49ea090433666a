using System.Runtime.Versioning;
using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>
/// Every output path shape: FastNet refuses devices, FIFOs, folders, read-only files and outputs that collide with
/// inputs or each other, writes through symlinks, keeps a file's mode, and checks every output before the first epoch.
/// </summary>
[SupportedOSPlatform("linux")]
public class OutputPathTests
{
    private static (int Exit, string Out, string Err) Train(string data, string model, params string[] more) =>
        CliRunner.Run(["train", "--data", data, "--layers", "2:tanh,1:sigmoid", "--epochs", "2", "--out", model, "--quiet", .. more]);

    [Fact]
    public void AFifoIsRefusedAndStaysAFifo()
    {
        using var folder = new TempFolder();
        string fifo = FileKinds.MakeFifo(folder.File("pipe.json"));
        var (exit, _, error) = Train(TestData.MoonsPath, fifo);
        AssertRefused(exit, error, fifo, "is not a regular file");
        Assert.True(FileKinds.Is(fifo, "-p"));
    }

    [Fact]
    public void TheNullDeviceIsRefusedAndStaysADevice()
    {
        foreach (string[] args in new[]
                 {
                     new[] { "train", "--data", TestData.MoonsPath, "--layers", "2:tanh,1:sigmoid", "--epochs", "1", "--out", "/dev/null" },
                     new[] { "data", "moons", "--out", "/dev/null" },
                 })
        {
            var (exit, _, error) = CliRunner.Run(args);
            AssertRefused(exit, error, "/dev/null", "is not a regular file");
            Assert.True(FileKinds.Is("/dev/null", "-c"));
        }
    }

    [Fact]
    public void AFolderIsRefusedWithoutARawSystemMessage()
    {
        using var folder = new TempFolder();
        string sub = Directory.CreateDirectory(folder.File("sub.json")).FullName;
        var (exit, _, error) = Train(TestData.MoonsPath, sub);
        AssertRefused(exit, error, sub, "is a folder");
        Assert.DoesNotContain("Is a directory", error);
    }

    [Fact]
    public void ASymlinkIsWrittenThroughToItsTarget()
    {
        using var folder = new TempFolder();
        string target = folder.Write("target.json", "old");
        string link = folder.File("link.json");
        File.CreateSymbolicLink(link, target);
        var (exit, _, error) = Train(TestData.MoonsPath, link);
        Assert.True(exit == 0, error);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains("fastnet-model", File.ReadAllText(target));
    }

    [Fact]
    public void AnExistingFileKeepsItsMode()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", "old");
        File.SetUnixFileMode(model, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (exit, _, error) = Train(TestData.MoonsPath, model);
        Assert.True(exit == 0, error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(model));
        Assert.Contains("fastnet-model", File.ReadAllText(model));
    }

    [Fact]
    public void AReadOnlyFileIsRefusedAndKept()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", "keep me");
        File.SetUnixFileMode(model, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (exit, _, error) = Train(TestData.MoonsPath, model);
        AssertRefused(exit, error, model, "is read-only");
        Assert.Equal("keep me", File.ReadAllText(model));
    }

    [Fact]
    public void AHardLinkedFileIsRefusedAndKept()
    {
        using var folder = new TempFolder();
        string model = folder.Write("m.json", "keep me");
        string other = folder.File("other-name.json");
        FileKinds.HardLink(model, other);
        var (exit, _, error) = Train(TestData.MoonsPath, model);
        AssertRefused(exit, error, model, "2 hard links");
        Assert.Equal("keep me", File.ReadAllText(model));
        Assert.Equal("keep me", File.ReadAllText(other));
    }

    [Theory]
    [InlineData("--history")]
    [InlineData("--checkpoint")]
    [InlineData("--out")]
    public void CollidingPathsAreRefusedBeforeTraining(string option)
    {
        using var folder = new TempFolder();
        string data = folder.File("data.json");
        File.Copy(TestData.MoonsPath, data);
        string before = File.ReadAllText(data);
        string model = folder.File("m.json");
        var (exit, _, error) = option switch
        {
            "--history" => Train(data, model, "--history", model),
            "--checkpoint" => Train(data, model, "--checkpoint", data),
            _ => Train(data, data),
        };
        Assert.True(exit == 2, $"exit {exit}: {error}");
        Assert.Contains(option, error);
        Assert.Contains("same file", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal(before, File.ReadAllText(data));
        if (option == "--history") Assert.False(File.Exists(model));
    }

    [Fact]
    public void ExportOverTheModelIsRefused()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.onnx.json");
        Assert.Equal(0, Train(TestData.MoonsPath, model).Exit);
        string before = File.ReadAllText(model);
        string alias = folder.File("alias.onnx");
        File.CreateSymbolicLink(alias, model);
        var (exit, _, error) = CliRunner.Run("export", "--model", model, "--onnx", alias);
        Assert.Equal(2, exit);
        Assert.Contains("same file", error);
        Assert.Equal(before, File.ReadAllText(model));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("parentIsAFile")]
    [InlineData("isAFolder")]
    public void EveryOutputIsCheckedBeforeTheFirstEpoch(string shape)
    {
        using var folder = new TempFolder();
        string model = folder.File("m.json");
        string file = folder.Write("file.txt", "x");
        string bad = shape switch
        {
            "missing" => folder.File(Path.Combine("no", "such", "h.json")),
            "parentIsAFile" => Path.Combine(file, "h.json"),
            _ => Directory.CreateDirectory(folder.File("h")).FullName,
        };
        foreach (string option in new[] { "--history", "--checkpoint" })
        {
            var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "2:tanh,1:sigmoid",
                "--epochs", "100000", "--out", model, option, bad);
            Assert.True(exit == 1, $"{option} {shape}: exit {exit}: {error}");
            Assert.StartsWith("error: ", error);
            Assert.Contains(option, error);
            Assert.DoesNotContain("trained", output);
            Assert.False(File.Exists(model));
        }
    }

    [Fact]
    public void ALongNameCanBeSaved()
    {
        using var folder = new TempFolder();
        string model = folder.File(new string('m', 245) + ".json");
        var (exit, _, error) = Train(TestData.MoonsPath, model);
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(model));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    private static void AssertRefused(int exit, string error, string path, string problem)
    {
        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.StartsWith("error: ", error);
        Assert.Contains(path, error);
        Assert.Contains(problem, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }
}
