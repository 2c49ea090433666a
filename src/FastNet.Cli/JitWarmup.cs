using System.Diagnostics;
using FastNet.Data;
using FastNet.Training;

namespace FastNet.Cli;

/// <summary>
/// The CLI runs without tiered compilation, so every method is compiled fully optimised on its first call; that first
/// call still pays for the compilation. Running two epochs of the same training on a throwaway copy of the network
/// first keeps the JIT out of the timed epoch loop, so "µs/epoch" is the steady-state cost. The copy shares nothing
/// with the real run: weights, optimizer state and shuffling of the timed run are untouched.
/// </summary>
internal static class JitWarmup
{
    /// <summary>Compiles the training loop for <paramref name="network"/> and <paramref name="options"/>; returns how long that took.</summary>
    public static TimeSpan Training(Network network, Dataset data, TrainingOptions options)
    {
        long started = Stopwatch.GetTimestamp();
        new Trainer(network.Clone(), data, options with { Epochs = Math.Min(2, options.Epochs) }).Run();
        return Stopwatch.GetElapsedTime(started);
    }
}
