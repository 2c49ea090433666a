using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastNet.Tests.Support;
using FsCheck.Xunit;

namespace FastNet.Tests.Reliability;

/// <summary>
/// The fuzz classes issue 14 found: non-finite values through every <c>--json</c> output, option values formatted as
/// other cultures write them, and every output-path shape for every command that writes a file.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class CliOutputFuzzTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private int _case;

    /// <summary>Models whose weights and data overflow: every --json command prints one whole object, or exits 1 with one error line.</summary>
    [Property(MaxTest = 200)]
    public void NonFiniteNumbersNeverBreakAJsonOutput(int seed)
    {
        var random = new Random(seed);
        int inputs = random.Next(1, 4), units = random.Next(1, 4);
        string[] activations = ["identity", "relu", "tanh", "sigmoid"];
        string Big() => (random.NextDouble() * 2 - 1).ToString("R", CultureInfo.InvariantCulture) + "e" + random.Next(0, 39);
        string Row(int n) => "[" + string.Join(", ", Enumerable.Range(0, n).Select(_ => Big())) + "]";
        string Rows(int rows, int n) => "[" + string.Join(", ", Enumerable.Range(0, rows).Select(_ => Row(n))) + "]";
        string model = $$"""
            {"format": "fastnet-model", "version": 1, "inputs": {{inputs}}, "loss": "mse",
             "layers": [{"units": {{units}}, "activation": "{{activations[random.Next(4)]}}", "weights": {{Rows(inputs, units)}}, "bias": {{Row(units)}}},
                        {"units": 1, "activation": "identity", "weights": {{Rows(units, 1)}}, "bias": null}]}
            """;
        int n = Interlocked.Increment(ref _case);
        string modelPath = _folder.Write($"m{n}.json", model);
        string dataPath = _folder.Write($"d{n}.json", $"{{\"features\": {Rows(3, inputs)}, \"targets\": {Rows(3, 1)}}}");
        foreach (string[] args in new[]
                 {
                     new[] { "eval", "--model", modelPath, "--data", dataPath, "--json" },
                     new[] { "predict", "--model", modelPath, "--data", dataPath, "--json" },
                     new[] { "gradcheck", "--model", modelPath, "--data", dataPath, "--json" },
                     new[] { "info", "--model", modelPath, "--json" },
                 })
        {
            var (exit, output, error) = CliRunner.Run(args);
            Assert.True(exit is 0 or 1, $"{args[0]}: exit {exit}: {error}");
            Assert.DoesNotContain("   at ", error);
            if (output.Length > 0 || exit == 0)
            {
                using JsonDocument json = JsonDocument.Parse(output);   // one whole object: non-finite numbers are null
            }
            else
            {
                Assert.StartsWith("error: ", error);
                Assert.Single(error.TrimEnd('\n').Split('\n'));
            }
        }
    }

    // the texts a strict invariant parser takes: an optional sign, digits with an optional dot, an optional exponent
    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex InvariantNumber();

    /// <summary>Numbers as cultures write them (decimal commas, group separators, spaces, other minus signs, NaN, ∞).</summary>
    [Property(MaxTest = 300)]
    public void CultureFormattedNumbersAreUsageErrorsOrReadExactly(int seed)
    {
        var random = new Random(seed);
        double value = Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-3, 5)), random.Next(0, 5));
        string text = value.ToString(random.Next(3) switch { 0 => "R", 1 => "N" + random.Next(0, 4), _ => "E" + random.Next(0, 3) }, CultureInfo.InvariantCulture);
        string[] decimals = [".", ",", "٫"];
        string[] groups = [",", ".", " ", "\u00A0", "'", "\u202F", ""];
        string dec = decimals[random.Next(decimals.Length)], group = groups[random.Next(groups.Length)];
        text = text.Replace(",", "\u0001").Replace(".", dec).Replace("\u0001", group);
        text = random.Next(8) switch
        {
            0 => "−" + text,   // U+2212 minus
            1 => " " + text,
            2 => text + " ",
            3 => new[] { "NaN", "Infinity", "-Infinity", "∞", "1e999", "-0,5" }[random.Next(6)],
            _ => text,
        };
        string path = _folder.File($"n{Interlocked.Increment(ref _case)}.json");
        var (exit, output, error) = CliRunner.Run("data", "moons", "--samples", "10", "--noise", text, "--out", path, "--json");
        bool plain = InvariantNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double read)
            && double.IsFinite(read) && read >= 0;
        if (plain)
        {
            Assert.True(exit == 0, $"'{text}': {error}");
            using JsonDocument json = JsonDocument.Parse(output);
        }
        else
        {
            Assert.True(exit == 2, $"'{text}' was taken: exit {exit}: {error}");
            Assert.StartsWith("error: --noise", error);
            Assert.False(File.Exists(path));
        }
    }

    public static TheoryData<string, string> Shapes()
    {
        var data = new TheoryData<string, string>();
        foreach (string command in new[] { "train --out", "train --history", "data --out", "export --onnx", "import --out", "plot --out" })
            foreach (string shape in new[] { "fifo", "folder", "read-only", "missing folder", "parent is a file", "symlink", "dangling symlink", "long name", "an input" })
                data.Add(command, shape);
        return data;
    }

    /// <summary>Every output-path shape for every command that writes a file: refused without touching it, or written through.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryOutputPathShapeIsRefusedOrWrittenSafely(string command, string shape)
    {
        using var folder = new TempFolder();
        string extension = command switch { "export --onnx" => ".onnx", "plot --out" => ".png", _ => ".json" };
        string model = folder.File("model.json"), onnx = folder.File("model.onnx"), data = folder.File("data.json");
        File.Copy(TestData.MoonsPath, data);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--layers", "2:tanh,1:sigmoid", "--epochs", "1", "--out", model, "--quiet").Exit);
        Assert.Equal(0, CliRunner.Run("export", "--model", model, "--onnx", onnx).Exit);
        string target = folder.File("target" + extension);
        string output = shape switch
        {
            "fifo" => FileKinds.MakeFifo(folder.File("pipe" + extension)),
            "folder" => Directory.CreateDirectory(folder.File("dir" + extension)).FullName,
            "read-only" => ReadOnly(folder.Write("ro" + extension, "keep")),
            "missing folder" => folder.File(Path.Combine("no", "out" + extension)),
            "parent is a file" => Path.Combine(folder.Write("file", "x"), "out" + extension),
            "symlink" => Link(folder.File("link" + extension), folder.Write("target" + extension, "old")),
            "dangling symlink" => Link(folder.File("link" + extension), target),
            "long name" => folder.File(new string('n', 250 - extension.Length) + extension),
            _ => command switch { "export --onnx" => onnx, "import --out" => onnx, "plot --out" => data, _ => data },
        };
        if (shape == "an input" && command == "export --onnx") output = ReplaceModel(folder, model, out model);
        byte[]? before = File.Exists(output) && shape is not ("fifo" or "dangling symlink") ? File.ReadAllBytes(output) : null;
        string[] args = command switch
        {
            "train --out" => ["train", "--data", data, "--layers", "2:tanh,1:sigmoid", "--epochs", "1", "--quiet", "--out", output],
            "train --history" => ["train", "--data", data, "--layers", "2:tanh,1:sigmoid", "--epochs", "1", "--quiet", "--out", folder.File("m2.json"), "--history", output],
            "data --out" => ["data", "moons", "--samples", "10", "--out", output],
            "export --onnx" => ["export", "--model", model, "--onnx", output],
            "import --out" => ["import", "--onnx", onnx, "--out", output],
            _ => ["plot", "--data", data, "--out", output],
        };
        var (exit, _, error) = CliRunner.Run(args);
        Assert.DoesNotContain("   at ", error);
        switch (shape)
        {
            case "an input" when command == "data --out":   // data reads nothing: replacing a dataset is its job
                Assert.True(exit == 0, error);
                break;
            case "symlink" or "dangling symlink" or "long name":
                Assert.True(exit == 0, $"{shape}: {error}");
                if (shape != "long name") Assert.NotNull(new FileInfo(output).LinkTarget);
                Assert.True(new FileInfo(shape == "long name" ? output : target).Length > 10);
                break;
            default:
                Assert.True(exit == (shape == "an input" ? 2 : 1), $"{shape}: exit {exit}: {error}");
                Assert.StartsWith("error: ", error);
                Assert.Single(error.TrimEnd('\n').Split('\n'));
                if (shape == "fifo") Assert.True(FileKinds.Is(output, "-p"));
                if (shape == "folder") Assert.True(Directory.Exists(output));
                if (before is not null) Assert.Equal(before, File.ReadAllBytes(output));
                break;
        }
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    // export's input is the model: give it a name ending in .onnx so --onnx can name the same file
    private static string ReplaceModel(TempFolder folder, string model, out string renamed)
    {
        renamed = folder.File("model-as.onnx.json");
        File.Copy(model, renamed);
        string alias = folder.File("alias.onnx");
        File.CreateSymbolicLink(alias, renamed);
        return alias;
    }

    private static string ReadOnly(string path)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    private static string Link(string link, string target)
    {
        File.CreateSymbolicLink(link, target);
        return link;
    }

    /// <inheritdoc/>
    public void Dispose() => _folder.Dispose();
}
