using System.Diagnostics;
using FastNet.Training;

namespace FastNet.Cli.Progress;

/// <summary>
/// Reports a training run's progress from <see cref="Trainer.Run(Action{EpochRecord}?, CancellationToken)"/>'s per-epoch callback without slowing it: each epoch
/// costs one timestamp read and a comparison; the view is updated at most once per interval (10 per second for the
/// terminal bar, one line per second when the output is redirected), plus once at the end.
/// </summary>
internal sealed class TrainingProgress : IDisposable
{
    private readonly IProgressView _view;
    private readonly int _epochs;
    private readonly int _firstEpoch;
    private readonly long _interval;
    private readonly long _started;
    private long _next;
    private EpochRecord _last;
    private double _lastValidation = double.NaN;
    private bool _pending;

    internal TrainingProgress(IProgressView view, int epochs, TimeSpan interval, int firstEpoch = 0)
    {
        _view = view;
        _epochs = epochs;
        _firstEpoch = firstEpoch;
        _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        _started = Stopwatch.GetTimestamp();
        _next = _started + _interval;
    }

    /// <summary>
    /// The progress for a run of <paramref name="epochs"/> epochs writing to <paramref name="output"/>: a live bar when
    /// that is an interactive terminal, plain lines when it is redirected, nothing (null) when <paramref name="quiet"/>.
    /// A resumed run passes the epochs already done as <paramref name="firstEpoch"/>, so the rate counts this run's only.
    /// </summary>
    public static TrainingProgress? Start(TextWriter output, int epochs, bool quiet, int firstEpoch = 0)
    {
        if (quiet) return null;
        bool terminal = ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;
        return terminal
            ? new TrainingProgress(new ProgressBar(epochs), epochs, TimeSpan.FromSeconds(0.1), firstEpoch)
            : new TrainingProgress(new ProgressLines(output), epochs, TimeSpan.FromSeconds(1), firstEpoch);
    }

    /// <summary>The per-epoch callback for <see cref="Trainer.Run(Action{EpochRecord}?, CancellationToken)"/>.</summary>
    public void Report(EpochRecord record) => Report(record, record.ValidationLoss ?? double.NaN);

    /// <summary>Records an epoch; shows it when the interval has passed since the last update.</summary>
    public void Report(EpochRecord record, double validationLoss)
    {
        _last = record;
        _lastValidation = validationLoss;
        _pending = true;
        long now = Stopwatch.GetTimestamp();
        if (now < _next) return;
        _next = now + _interval;
        Show(now);
    }

    /// <summary>Shows the last epoch if it has not been shown, and closes the view (the bar stops redrawing).</summary>
    public void Dispose()
    {
        if (_pending && _last.Epoch > 0 && (_view is ProgressBar || Stopwatch.GetTimestamp() - _started >= _interval)) Show(Stopwatch.GetTimestamp());
        _view.Dispose();
    }

    private void Show(long now)
    {
        _pending = false;
        double seconds = Math.Max((now - _started) / (double)Stopwatch.Frequency, 1e-9);
        double rate = (_last.Epoch - _firstEpoch) / seconds;
        var remaining = TimeSpan.FromSeconds(Math.Max(0, _epochs - _last.Epoch) / Math.Max(rate, 1e-9));
        _view.Update(new ProgressSnapshot(_last.Epoch, _epochs, _last.Loss, _lastValidation, rate, remaining));
    }
}
