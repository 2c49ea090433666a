namespace FastNet.Kernels;

/// <summary>
/// One <see cref="Predictor.Predict(ReadOnlySpan{float}, Span{float})"/> call split by rows for <see cref="KernelWorkers"/>:
/// part i runs the whole network on its band of whole 16-row groups, on its own thread's scratch. Cached per calling
/// thread and refilled per call (the caller keeps x and y pinned while the parts run).
/// </summary>
internal sealed unsafe class PredictorWork : ParallelWork
{
    private Predictor? _predictor;
    private float* _x, _y;
    private int _count;

    public void Set(Predictor? predictor, float* x, float* y, int count)
    {
        _predictor = predictor;
        _x = x;
        _y = y;
        _count = count;
    }

    /// <inheritdoc/>
    public override void Execute(int part, int parts)
    {
        Predictor predictor = _predictor!;
        int r0 = predictor.PartStart(_count, part, parts), r1 = predictor.PartStart(_count, part + 1, parts);
        if (r0 < r1)
            predictor.Rows(new ReadOnlySpan<float>(_x, _count * predictor.Inputs), new Span<float>(_y, _count * predictor.Outputs), r0, r1, _count);
    }
}
