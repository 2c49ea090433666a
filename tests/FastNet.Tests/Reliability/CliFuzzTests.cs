using System.Text.Json;
using FastNet.Tests.Support;
using FsCheck.Xunit;

namespace FastNet.Tests.Reliability;

/// <summary>
/// The commands that read files, given damaged ones: every run ends with exit code 0 and output, or exit code 1 and
/// exactly one line on stderr starting with <c>error: </c> — never an exception out of the command, never a stack trace.
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private int _case;

    [Property(MaxTest = 1000, Arbitrary = [typeof(FuzzCases)])]
    public void DamagedFilesGiveAResultOrOneErrorLine(FuzzCase c)
    {
        bool damageModel = (c.Mutations[0].With & 1) == 0;
        byte[] model = damageModel ? JsonMutator.Apply(SeedFiles.Models[c.Seed], c.Mutations) : SeedFiles.Models[c.Seed];
        byte[] data = damageModel ? SeedFiles.Datasets[c.Seed] : JsonMutator.Apply(SeedFiles.Datasets[c.Seed], c.Mutations);
        int n = Interlocked.Increment(ref _case);
        string modelPath = _folder.File($"model{n}.json"), dataPath = _folder.File($"data{n}.json");
        File.WriteAllBytes(modelPath, model);
        File.WriteAllBytes(dataPath, data);

        foreach (string[] args in new[]
                 {
                     new[] { "eval", "--model", modelPath, "--data", dataPath, "--json" },
                     new[] { "predict", "--model", modelPath, "--data", dataPath, "--json" },
                     new[] { "info", "--model", modelPath, "--json" },
                 })
        {
            var (exit, output, error) = CliRunner.Run(args);
            if (exit == 0)
            {
                using JsonDocument json = JsonDocument.Parse(output);   // one whole JSON object
                Assert.Equal("", error);
            }
            else
            {
                Assert.True(exit == 1, $"{string.Join(' ', args)}: exit {exit}: {error}");
                Assert.StartsWith("error: ", error);
                Assert.Single(error.TrimEnd('\n').Split('\n'));
                Assert.Equal("", output);
            }
        }
        File.Delete(modelPath);
        File.Delete(dataPath);
    }

    /// <inheritdoc/>
    public void Dispose() => _folder.Dispose();
}
