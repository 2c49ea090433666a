namespace FastNet.Cli.Progress;

/// <summary>Where a training run is, as one progress update shows it.</summary>
/// <param name="Epoch">The last completed epoch, from 1.</param>
/// <param name="Epochs">The number of epochs the run is set to.</param>
/// <param name="Loss">The last epoch's training loss.</param>
/// <param name="ValidationLoss">The last epoch's validation loss, or NaN when there is none.</param>
/// <param name="EpochsPerSecond">The mean rate since the run started.</param>
/// <param name="Remaining">The estimated time left at that rate.</param>
internal readonly record struct ProgressSnapshot(int Epoch, int Epochs, double Loss, double ValidationLoss, double EpochsPerSecond, TimeSpan Remaining)
{
    /// <summary><c>epoch 1200/5000  loss 0.0123  validation 0.0234  4000 epochs/s  1 s left</c> (without the time left when the view shows it itself).</summary>
    public string Describe(bool timeLeft = true) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"epoch {Epoch}/{Epochs}  loss {Loss:G5}{(double.IsNaN(ValidationLoss) ? "" : $"  validation {ValidationLoss:G5}")}  {EpochsPerSecond:F0} epochs/s{(timeLeft ? $"  {FormatTime(Remaining)} left" : "")}");

    private static string FormatTime(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}"
        : time.TotalMinutes >= 1 ? $"{time.Minutes}:{time.Seconds:00}"
        : $"{Math.Ceiling(time.TotalSeconds):F0} s";
}
