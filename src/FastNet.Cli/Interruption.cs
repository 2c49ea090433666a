using System.Runtime.InteropServices;

namespace FastNet.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation, so a long command can stop at a safe point and save
/// its work; a second signal is left to the system and ends the process at once — except while the work is being saved
/// (<see cref="WhileSaving"/>): then it waits for the save, so no temporary file is left. Dispose to restore the default.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile bool _saving;

    public Interruption()
    {
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // e.g. SIGTERM where the platform has no such signal: Ctrl+C alone still works.
            }
        }
    }

    /// <summary>Cancelled once the first signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Runs <paramref name="save"/> with further signals held back until it returns (the process then ends normally).</summary>
    public void WhileSaving(Action save)
    {
        _saving = true;
        try
        {
            save();
        }
        finally
        {
            _saving = false;
        }
    }

    internal void OnSignal(PosixSignalContext context)
    {
        if (_saving)
        {
            context.Cancel = true;   // the save finishes first; the command exits right after it
            return;
        }
        if (_cancel.IsCancellationRequested) return;   // the second signal: default handling, the process ends
        context.Cancel = true;
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
