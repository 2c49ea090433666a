namespace FastNet.Kernels;

/// <summary>
/// A product split into parts for <see cref="KernelWorkers"/>: part i computes a contiguous band of c's rows (or, when
/// c has too few row tiles, columns) whose edges lie on micro-kernel tile boundaries, with its own slice of scratch.
/// One instance is cached per calling thread and refilled per call.
/// </summary>
internal sealed unsafe class GemmWork : ParallelWork
{
    private GemmKernel _kernel;
    private GemmProblem _problem;
    private float* _scratch;
    private long _partScratch;

    public void Set(GemmKernel kernel, in GemmProblem problem, float* scratch, long partScratch)
    {
        _kernel = kernel;
        _problem = problem;
        _scratch = scratch;
        _partScratch = partScratch;
    }

    /// <inheritdoc/>
    public override void Execute(int part, int parts)
    {
        GemmKernelInfo info = GemmKernelInfo.Of(_kernel);
        int mr = info.MR, nr = info.NR;
        int m = _problem.M, n = _problem.N;
        int rowTiles = (m + mr - 1) / mr, columnTiles = (n + nr - 1) / nr;
        float* scratch = _scratch + part * _partScratch;
        if (rowTiles >= parts * 2 || rowTiles >= columnTiles)
        {
            int m0 = Math.Min(m, (int)((long)rowTiles * part / parts) * mr);
            int m1 = Math.Min(m, (int)((long)rowTiles * (part + 1) / parts) * mr);
            if (m0 < m1) Gemm.RunPart(_kernel, _problem, m0, m1, 0, n, scratch);
        }
        else
        {
            int n0 = Math.Min(n, (int)((long)columnTiles * part / parts) * nr);
            int n1 = Math.Min(n, (int)((long)columnTiles * (part + 1) / parts) * nr);
            if (n0 < n1) Gemm.RunPart(_kernel, _problem, 0, m, n0, n1, scratch);
        }
    }
}
