using System.Runtime.InteropServices;
using FastNet.Cli;

namespace FastNet.Tests.Reliability;

/// <summary>The signal rule of <c>fastnet train</c>: the first signal cancels, a second one ends the process — but waits while the checkpoint is written.</summary>
public class InterruptionTests
{
    [Fact]
    public void ASecondSignalWaitsForTheCheckpointWrite()
    {
        using var interruption = new Interruption();
        var first = new PosixSignalContext(PosixSignal.SIGINT);
        interruption.OnSignal(first);
        Assert.True(first.Cancel);
        Assert.True(interruption.Token.IsCancellationRequested);

        bool heldBack = false;
        interruption.WhileSaving(() =>
        {
            var second = new PosixSignalContext(PosixSignal.SIGINT);
            interruption.OnSignal(second);
            heldBack = second.Cancel;
        });
        Assert.True(heldBack, "a second signal during the checkpoint write must not end the process");

        var after = new PosixSignalContext(PosixSignal.SIGTERM);
        interruption.OnSignal(after);
        Assert.False(after.Cancel);   // outside a save the second signal ends the process as before
    }
}
