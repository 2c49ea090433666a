using System.Runtime.ExceptionServices;

namespace FastNet.Kernels;

/// <summary>
/// A small persistent pool of worker threads shared by every network in the process (one per core beyond the first,
/// started on first use). <see cref="TryRun"/> hands part i of a <see cref="ParallelWork"/> to worker i − 1 and runs
/// part 0 itself; when another thread is already using the pool it returns false and the caller runs its work on one
/// thread, which gives the same bits because kernels partition their outputs, never their sums.
/// </summary>
internal sealed class KernelWorkers
{
    private static KernelWorkers? s_shared;
    private static readonly object s_create = new();

    private readonly object _gate = new();
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim _done = new(false, spinCount: 2000);
    private ParallelWork? _work;
    private int _parts;
    private int _pending;
    private Exception? _error;

    private KernelWorkers(int workers)
    {
        // The first wait that blocks (past the spinning) makes the event's lock object: do it here, once, so that a
        // caller's first blocking wait in a warm call allocates nothing (it was 24 bytes, seen on a busy machine).
        _done.Wait(1);
        _start = new ManualResetEventSlim[workers];
        for (int w = 0; w < workers; w++)
        {
            _start[w] = new ManualResetEventSlim(false, spinCount: 2000);
            var thread = new Thread(Loop) { IsBackground = true, Name = $"FastNet kernel worker {w + 1}" };
            thread.Start(w);
        }
    }

    /// <summary>The most parts one call can run at once: the calling thread plus the workers.</summary>
    public int MaxParts => _start.Length + 1;

    /// <summary>The process-wide pool, sized to the machine (Environment.ProcessorCount − 1 workers, at least one).</summary>
    public static KernelWorkers Shared
    {
        get
        {
            if (s_shared is { } pool) return pool;
            lock (s_create) return s_shared ??= new KernelWorkers(Math.Max(1, Environment.ProcessorCount - 1));
        }
    }

    /// <summary>
    /// Runs parts 0 .. parts−1 of <paramref name="work"/> at once and returns true, or returns false without running
    /// anything when the pool is busy (or <paramref name="parts"/> exceeds <see cref="MaxParts"/>).
    /// </summary>
    public bool TryRun(ParallelWork work, int parts)
    {
        if (parts > MaxParts || !Monitor.TryEnter(_gate)) return false;
        try
        {
            _work = work;
            _parts = parts;
            _error = null;
            _pending = parts - 1;
            _done.Reset();
            for (int w = 0; w < parts - 1; w++) _start[w].Set();
            try
            {
                work.Execute(0, parts);
            }
            finally
            {
                _done.Wait();
                _work = null;
            }
            if (_error is { } error) ExceptionDispatchInfo.Throw(error);
            return true;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private void Loop(object? state)
    {
        int index = (int)state!;
        ManualResetEventSlim start = _start[index];
        while (true)
        {
            start.Wait();
            start.Reset();
            try
            {
                _work!.Execute(index + 1, _parts);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            if (Interlocked.Decrement(ref _pending) == 0) _done.Set();
        }
    }
}
