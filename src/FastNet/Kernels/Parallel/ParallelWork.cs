namespace FastNet.Kernels;

/// <summary>
/// A unit of work split into numbered parts that <see cref="KernelWorkers"/> runs at once, part 0 on the calling thread.
/// Instances are cached by their owners and refilled per call, so running them allocates nothing.
/// </summary>
internal abstract class ParallelWork
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>; parts must not write to the same memory.</summary>
    public abstract void Execute(int part, int parts);
}
