namespace FastNet.Tests.Support;

/// <summary>Bytes the calling thread allocates while code runs, measured so that only the code's own allocations count.</summary>
public static class Allocations
{
    /// <summary>
    /// The fewest bytes the calling thread allocated in any of <paramref name="batches"/> runs of <paramref name="batch"/>.
    /// A tier-1 recompilation that lands during a batch is charged to the measuring thread (about 7–8 KB, seen under a
    /// loaded full suite; dotnet/BenchmarkDotNet#1542 describes the mechanism), so one batch can show bytes the code never
    /// allocated. An allocation made by the code itself shows in every batch: the fewest is 0 only if the code allocates
    /// nothing.
    /// </summary>
    public static long Fewest(Action batch, int batches = 3)
    {
        long fewest = long.MaxValue;
        for (int b = 0; b < batches; b++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            batch();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
