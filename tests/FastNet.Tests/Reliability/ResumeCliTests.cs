using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>
/// <c>fastnet train</c> in a child process, stopped by a real SIGINT or SIGTERM: it writes a checkpoint and says how to
/// resume, and <c>fastnet train --resume</c> finishes with a model file identical, byte for byte, to an uninterrupted run's.
/// </summary>
public partial class ResumeCliTests
{
    private const string Epochs = "20000";

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [SigintTheory]
    [InlineData("--lr 0.5")]    // plain SGD
    public void ARunStoppedByCtrlCResumesToTheSameModel(string training) => AnInterruptedRunResumesToTheSameModel(2, training);

    [Theory]
    [InlineData("--lr 0.01 --optimizer adam --lr-decay step:5000:0.5 --standardize --val-split 0.2 --patience 20000 --history HISTORY")]
    public void ARunStoppedBySigtermResumesToTheSameModel(string training) => AnInterruptedRunResumesToTheSameModel(15, training);

    private static void AnInterruptedRunResumesToTheSameModel(int signal, string training)
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempFolder();
        string[] run = ["train", "--data", TestData.MoonsPath, "--layers", "8:tanh,1:sigmoid", "--loss", "bce",
            "--epochs", Epochs, "--batch", "10", "--seed", "4",
            .. training.Split(' ').Select(arg => arg == "HISTORY" ? folder.File("history.json") : arg)];

        string reference = folder.File("reference.json");
        var (exit, _, error) = CliRunner.Run([.. run, "--out", reference, "--json"]);
        Assert.True(exit == 0, error);
        string historyPath = folder.File("history.json");
        string? referenceHistory = File.Exists(historyPath) ? File.ReadAllText(historyPath) : null;
        if (referenceHistory is not null) File.Delete(historyPath);

        string model = folder.File("model.json");
        string checkpoint = folder.File("model.checkpoint.json");
        using (Process child = CliProcess.Start([.. run, "--out", model]))
        {
            try
            {
                // the banner (and the progress after it) go to stderr; stdout holds only the result
                string? first = child.StandardError.ReadLine();
                Assert.StartsWith($"training 2-8-1 (tanh, sigmoid; bce) from epoch 1 to {Epochs};", first);
                Assert.Equal(0, Kill(child.Id, signal));
                string rest = child.StandardOutput.ReadToEnd();
                string childErrors = child.StandardError.ReadToEnd();
                child.WaitForExit();
                Assert.True(child.ExitCode == 130, $"exit {child.ExitCode}: {rest} {childErrors}");
                Assert.Matches($@"^interrupted after epoch [0-9]+ of {Epochs}; wrote checkpoint {checkpoint.Replace(".", "\\.")}\n" +
                    $"resume with: fastnet train --resume {checkpoint.Replace(".", "\\.")}\n$", rest);
            }
            finally
            {
                if (!child.HasExited) child.Kill();   // no test leaves a process behind when an assertion fails
            }
        }
        Assert.False(File.Exists(model), "an interrupted run writes a checkpoint, not the model");
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));

        // The checkpoint holds absolute paths, so the run resumes from any folder.
        (exit, string output, error) = CliRunner.Run("train", "--resume", checkpoint, "--json");
        Assert.True(exit == 0, error);
        using (JsonDocument json = JsonDocument.Parse(output))
            Assert.Equal(int.Parse(Epochs), json.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(model));
        // the history of the resumed run is the whole run's, the same as the uninterrupted run's but for the time taken
        if (referenceHistory is not null)
            Assert.Equal(WithoutTime(referenceHistory), WithoutTime(File.ReadAllText(historyPath)));
    }

    private static string WithoutTime(string history) => MillisecondsField().Replace(history, "\"milliseconds\": T");

    [GeneratedRegex("\"milliseconds\": [0-9.eE+-]+")]
    private static partial Regex MillisecondsField();

    [Fact]
    public void TrainingOptionsCannotBeChangedWhenResuming()
    {
        using var folder = new TempFolder();
        var (exit, _, error) = CliRunner.Run("train", "--resume", folder.File("c.json"), "--epochs", "5");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --epochs cannot be given with --resume", error);
    }

    [Fact]
    public void AMissingCheckpointIsAFileError()
    {
        var (exit, _, error) = CliRunner.Run("train", "--resume", "/nonexistent/c.json");
        Assert.Equal(1, exit);
        Assert.Equal("error: /nonexistent/c.json: file not found", error.TrimEnd());
    }
}
