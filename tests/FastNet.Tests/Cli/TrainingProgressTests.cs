using FastNet.Cli.Progress;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Cli;

/// <summary>Training progress: plain lines when redirected, nothing with --json or --quiet, a bounded update rate.</summary>
public class TrainingProgressTests
{
    private sealed class Recorder : IProgressView
    {
        public List<ProgressSnapshot> Updates { get; } = [];
        public bool Disposed { get; private set; }
        public void Update(ProgressSnapshot snapshot) => Updates.Add(snapshot);
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void AnIntervalLongerThanTheRunShowsNothingUntilTheEnd()
    {
        var view = new Recorder();
        using (var progress = new TrainingProgress(view, 1000, TimeSpan.FromHours(1)))
            for (int e = 1; e <= 1000; e++) progress.Report(new EpochRecord(e, 1.0 / e));
        Assert.Empty(view.Updates); // a run shorter than one interval prints no progress at all
        Assert.True(view.Disposed);
    }

    [Fact]
    public void AZeroIntervalShowsEveryEpochWithRateAndTimeLeft()
    {
        var view = new Recorder();
        using (var progress = new TrainingProgress(view, 3, TimeSpan.Zero))
        {
            progress.Report(new EpochRecord(1, 0.5));
            progress.Report(new EpochRecord(2, 0.25), validationLoss: 0.375);
            progress.Report(new EpochRecord(3, 0.125));
        }
        Assert.Equal([1, 2, 3], view.Updates.Select(u => u.Epoch));
        Assert.All(view.Updates, u => Assert.Equal(3, u.Epochs));
        Assert.Equal(0.375, view.Updates[1].ValidationLoss);
        Assert.True(double.IsNaN(view.Updates[0].ValidationLoss));
        Assert.All(view.Updates, u => Assert.True(u.EpochsPerSecond > 0));
        Assert.Equal(TimeSpan.Zero, view.Updates[2].Remaining);
        Assert.Matches(@"^epoch 2/3  loss 0\.25  validation 0\.375  \d+ epochs/s  \d+ s left$", view.Updates[1].Describe());
        Assert.DoesNotContain("validation", view.Updates[0].Describe());
    }

    [Fact]
    public void RedirectedOutputGetsPlainLinesAndQuietGetsNone()
    {
        Assert.Null(TrainingProgress.Start(new StringWriter(), 10, quiet: true));
        var output = new StringWriter();
        using (TrainingProgress? progress = TrainingProgress.Start(output, 10, quiet: false))
            Assert.NotNull(progress);
        Assert.Equal("", output.ToString()); // nothing reported, nothing printed
    }

    [Fact]
    public void TrainWithJsonOrQuietPrintsOnlyItsResult()
    {
        using var folder = new TempFolder();
        foreach (string flag in new[] { "--json", "--quiet" })
        {
            var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "2:sigmoid,1:sigmoid", "--epochs", "50", "--out", folder.File("m.json"), flag);
            Assert.Equal(0, exit);
            Assert.DoesNotContain("epochs/s", output);
            Assert.Equal("", error);   // no banner either
            Assert.DoesNotContain("from epoch", output);
        }
    }

    [Fact]
    public void TheBannerGoesToStderrAndStdoutHoldsOnlyTheResult()
    {
        using var folder = new TempFolder();
        var (exit, output, error) = CliRunner.Run("train", "--data", TestData.MoonsPath, "--layers", "2:sigmoid,1:sigmoid", "--epochs", "50", "--out", folder.File("m.json"));
        Assert.Equal(0, exit);
        Assert.StartsWith("training 2-2-1 (sigmoid, sigmoid; sse) from epoch 1 to 50;", error);
        Assert.StartsWith("trained 2-2-1", output);
    }
}
