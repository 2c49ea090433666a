using FastNet.Data;
using FastNet.Kernels;
using FastNet.Model;
using FastNet.Memory;

namespace FastNet;

/// <summary>
/// A frozen, thread-safe copy of a <see cref="Network"/> for inference: made by <see cref="Network.CreatePredictor()"/>,
/// it holds its own read-only copy of the weights (and the network's immutable <see cref="Data.Standardization"/>), so
/// any number of threads may call <see cref="Predict(ReadOnlySpan{float}, Span{float})"/> at once, and training the
/// network afterwards (even while the predictor is in use) does not change its answers.
/// <para>
/// The weights are laid out once, when the predictor is made, in the forms the kernels read (packed into the GEMM
/// micro-kernel's panels, and row-major padded to whole vectors for the unpacked products of one row or of narrow
/// layers), so a call never packs them again. Any batch size runs at full speed: rows are computed in passes of
/// <see cref="MaxBatch"/>. A tiny network (every input and layer at most 16 wide, at most 8 layers, the seed's 2-4-1 among
/// them) runs all its layers at once with the batch in the vector lanes, each element summed in the order the layer
/// products give it, so its bits do not change. With <see cref="Threads"/> above 1 a large batch is split by rows over the shared worker
/// threads; every row is computed exactly as on one thread, so the results are bit-identical for every thread count.
/// </para>
/// Each thread computes in its own scratch memory, allocated on the thread's first call and reused by every later call
/// of every predictor on that thread, so the span overload allocates nothing once warm. Results are bit-identical to
/// <see cref="Network.Predict(ReadOnlySpan{float}, Span{float})"/> on the network at the moment the predictor was made,
/// for the same rows per pass (docs/reliability.md says where a different split can change the last bits).
/// </summary>
public sealed class Predictor
{
    /// <summary>The fewest rows per pass: large enough that a pass costs nothing measurable beyond its rows.</summary>
    internal const int MinRowsPerPass = 256;

    /// <summary>A batch is split over threads only when it needs at least this many multiply-adds.</summary>
    internal const long ParallelMinWork = Gemm.ParallelMinWork;

    // One per thread, shared by all predictors: a thread runs one prediction at a time, and the slices of every
    // predictor's plan start at 0, so the largest plan seen so far fits them all.
    [ThreadStatic] private static Workspace? t_scratch;
    [ThreadStatic] private static PredictorWork? t_work;

    private readonly PackedDenseLayer[] _layers;
    private readonly TinyPredictorPath? _tiny;   // the batch-in-lanes path of tiny networks, or null
    private readonly WorkspacePlan _scratchPlan;
    private readonly Standardization? _standardization;
    private readonly Slice _x, _z, _a0, _a1, _gemm;
    private readonly long _workPerRow;
    private readonly int _networkPass;   // the network's rows per pass: passes on the direct path must match its

    internal Predictor(Network network, int threads)
    {
        if (threads < 1) throw new FastNetException($"a predictor needs at least one thread, not {threads}");
        Inputs = network.Inputs;
        Outputs = network.Outputs;
        _networkPass = network.MaxBatch;
        MaxBatch = (MinRowsPerPass + _networkPass - 1) / _networkPass * _networkPass;
        Threads = threads;
        IReadOnlyList<LayerSpec> specs = network.Layers;
        _layers = new PackedDenseLayer[specs.Count];
        int fanIn = Inputs, widest = 0;
        long gemm = 0;
        for (int l = 0; l < specs.Count; l++)
        {
            _layers[l] = new PackedDenseLayer(specs[l], fanIn, network.Weights(l), network.Bias(l));
            widest = Math.Max(widest, specs[l].Units);
            gemm = Math.Max(gemm, _layers[l].ScratchLength(MaxBatch));
            _workPerRow += (long)fanIn * specs[l].Units;
            fanIn = specs[l].Units;
        }
        _tiny = TinyPredictorPath.TryCreate(_layers);
        _standardization = network.Standardization;
        _scratchPlan = new WorkspacePlan();
        _x = _scratchPlan.Take(_standardization is null ? 0 : (long)MaxBatch * Inputs);
        _z = _scratchPlan.Take((long)MaxBatch * Outputs);
        _a0 = _scratchPlan.Take((long)MaxBatch * widest);
        _a1 = _scratchPlan.Take((long)MaxBatch * widest);
        _gemm = _scratchPlan.Take(gemm);
    }

    /// <summary>The number of input features.</summary>
    public int Inputs { get; }

    /// <summary>The number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>Rows computed per pass (the smallest multiple of the network's maximum batch that is at least 256); longer inputs take several passes.</summary>
    public int MaxBatch { get; }

    /// <summary>The most threads one call may use (<see cref="Network.CreatePredictor(int)"/>); results are the same for every value.</summary>
    public int Threads { get; }

    /// <summary>
    /// Runs the frozen network on <paramref name="x"/> (batch×inputs, row-major) and writes batch×outputs values to
    /// <paramref name="y"/>. Safe to call from many threads at once; allocates nothing after the calling thread's first call.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not whole rows, or the output span is too short.</exception>
    public unsafe void Predict(ReadOnlySpan<float> x, Span<float> y)
    {
        PredictionSpans.CheckApart(x, y);
        if (x.Length % Inputs != 0)
            throw new ArgumentException($"the input has {x.Length} values, which is not a whole number of rows of {Inputs} features", nameof(x));
        int count = x.Length / Inputs;
        if (y.Length < (long)count * Outputs)
            throw new ArgumentException($"the output span holds {y.Length} values but {count} rows of {Outputs} outputs need {(long)count * Outputs}", nameof(y));
        int parts = Parts(count);
        if (parts > 1)
        {
            fixed (float* px = x, py = y)
            {
                PredictorWork work = t_work ??= new PredictorWork();
                work.Set(this, px, py, count);
                bool ran = KernelWorkers.Shared.TryRun(work, parts);
                work.Set(null, null, null, 0);
                if (ran) return;
            }
        }
        Rows(x, y, 0, count, count);
    }

    /// <summary>Runs the frozen network on <paramref name="x"/> (batch×inputs) and returns a new array of batch×outputs values.</summary>
    public float[] Predict(ReadOnlySpan<float> x)
    {
        var y = new float[x.Length / Inputs * Outputs];
        Predict(x, y);
        return y;
    }

    // how many threads a batch of count rows is worth: whole 16-row groups per part, and enough work to repay a worker
    private int Parts(int count)
    {
        if (Threads == 1) return 1;
        long work = _workPerRow * count;
        int parts = (int)Math.Min(Math.Min(Threads, KernelWorkers.Shared.MaxParts), Math.Max(1, work / (ParallelMinWork / 2)));
        return Math.Min(parts, Math.Max(1, count / 16));
    }

    /// <summary>
    /// First row of part <paramref name="part"/> of <paramref name="parts"/>: bands of whole 16-row groups, moved back to
    /// the start of a network pass where that pass has a layer on the direct path (which must see the pass whole).
    /// </summary>
    internal int PartStart(int count, int part, int parts)
    {
        if (part == 0) return 0;
        if (part == parts) return count;
        int start = (int)((long)(count / 16) * part / parts) * 16;
        int passStart = start / _networkPass * _networkPass;
        return start != passStart && AnySmall(Math.Min(_networkPass, count - passStart)) ? passStart : start;
    }

    private bool AnySmall(int passRows)
    {
        foreach (PackedDenseLayer layer in _layers)
            if (layer.IsSmall(passRows)) return true;
        return false;
    }

    // rows r0 .. r1 of a batch of `count` rows, on the calling thread and its scratch, in passes of MaxBatch rows
    internal void Rows(ReadOnlySpan<float> x, Span<float> y, int r0, int r1, int count)
    {
        Workspace? scratch = t_scratch;
        if (scratch is null || scratch.Length < _scratchPlan.Length) t_scratch = scratch = new Workspace(_scratchPlan);
        for (int row = r0, end; row < r1; row = end)
        {
            end = Math.Min(r1, (row / MaxBatch + 1) * MaxBatch);
            int batch = end - row;
            ReadOnlySpan<float> input = x.Slice(row * Inputs, batch * Inputs);
            if (_standardization is not null)
            {
                Span<float> standardized = scratch[_x].Slice(0, batch * Inputs);
                _standardization.Apply(input, standardized);
                input = standardized;
            }
            if (_tiny is not null && _tiny.Covers(row, end, count, _networkPass))
            {
                Tiny(input, y, row, end, count);
                continue;
            }
            for (int l = 0; l < _layers.Length; l++)
            {
                PackedDenseLayer layer = _layers[l];
                if (l == _layers.Length - 1)
                {
                    // the output layer keeps z and takes its activation (softmax included) afterwards, exactly as Network.Forward
                    Span<float> z = scratch[_z].Slice(0, batch * Outputs);
                    Layer(layer, input, z, row, end, count, Activation.Identity, scratch[_gemm]);
                    ActivationKernels.Forward(layer.Spec.Activation, z, y.Slice(row * Outputs, batch * Outputs), batch, Outputs);
                }
                else
                {
                    Span<float> a = scratch[l % 2 == 0 ? _a0 : _a1].Slice(0, batch * layer.Units);
                    Layer(layer, input, a, row, end, count, layer.Spec.Activation, scratch[_gemm]);
                    input = a;
                }
            }
        }
    }

    // y rows r0 .. r1 = the network on x (those rows) with the batch in the vector lanes, softmax applied afterwards as Network.Forward does
    private unsafe void Tiny(ReadOnlySpan<float> x, Span<float> y, int r0, int r1, int count)
    {
        Span<float> rows = y.Slice(r0 * Outputs, (r1 - r0) * Outputs);
        fixed (float* px = x, py = rows) _tiny!.Forward(px, py, r0, r1, count, _networkPass);
        Activation output = _layers[^1].Spec.Activation;
        if (output == Activation.Softmax) ActivationKernels.Forward(output, rows, rows, r1 - r0, Outputs);
    }

    // c (rows r0 .. r1 × units) = f(x · W + b): network passes whose product takes the direct path one at a time, as the
    // network computes them; every other row in one product (its paths do not depend on how rows are grouped)
    private void Layer(PackedDenseLayer layer, ReadOnlySpan<float> x, Span<float> c, int r0, int r1, int count, Activation f, Span<float> scratch)
    {
        int k = layer.Inputs, n = layer.Units;
        for (int s = r0, e; s < r1; s = e)
        {
            int passStart = s / _networkPass * _networkPass;
            int passRows = Math.Min(_networkPass, count - passStart);
            bool small = layer.IsSmall(passRows);
            e = small ? Math.Min(r1, passStart + passRows) : r1;
            int last = (count - 1) / _networkPass * _networkPass;   // the batch's last pass, the only one that may be shorter
            if (!small && last > s && last < e && layer.IsSmall(count - last)) e = last;
            layer.Forward(x.Slice((s - r0) * k, (e - s) * k), e - s, small, f, c.Slice((s - r0) * n, (e - s) * n), scratch);
        }
    }
}
