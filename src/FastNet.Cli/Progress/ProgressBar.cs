using Spectre.Console;

namespace FastNet.Cli.Progress;

/// <summary>
/// A live Spectre.Console progress bar in the terminal. Spectre redraws it on its own thread; the training thread only
/// sets the task's value and description, at the rate <see cref="TrainingProgress"/> allows.
/// </summary>
internal sealed class ProgressBar : IProgressView
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _rendering;
    private readonly ProgressTask _task;

    public ProgressBar(int epochs)
    {
        using var started = new ManualResetEventSlim();
        ProgressTask? task = null;
        // on stderr, where the banner is, so stdout holds only the command's result
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _rendering = console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                task = context.AddTask("training", maxValue: epochs);
                started.Set();
                await _finished.Task.ConfigureAwait(false);
                task.StopTask();
            });
        started.Wait();
        _task = task!;
    }

    public void Update(ProgressSnapshot snapshot)
    {
        _task.Description = Markup.Escape(snapshot.Describe(timeLeft: false));
        _task.Value = snapshot.Epoch;
    }

    public void Dispose()
    {
        _finished.TrySetResult();
        _rendering.GetAwaiter().GetResult();
    }
}
