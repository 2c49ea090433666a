using FastNet.Data;
using FastNet.Kernels;
using FastNet.Model;
using FastNet.Memory;

namespace FastNet;

/// <summary>
/// A frozen, thread-safe copy of a <see cref="Network"/> for inference: made by <see cref="Network.CreatePredictor"/>,
/// it holds its own read-only copy of the weights (and the network's immutable <see cref="Data.Standardization"/>), so
/// any number of threads may call <see cref="Predict(ReadOnlySpan{float}, Span{float})"/> at once, and training the
/// network afterwards (even while the predictor is in use) does not change its answers.
/// Each thread computes in its own scratch memory, allocated on the thread's first call and reused by every later call
/// of every predictor on that thread, so the span overload allocates nothing once warm. Results are bit-identical to
/// <see cref="Network.Predict(ReadOnlySpan{float}, Span{float})"/> on the network at the moment the predictor was made.
/// </summary>
public sealed class Predictor
{
    // One per thread, shared by all predictors: a thread runs one prediction at a time, and the slices of every
    // predictor's plan start at 0, so the largest plan seen so far fits them all.
    [ThreadStatic] private static Workspace? t_scratch;

    private readonly Workspace _parameters;
    private readonly LayerSpec[] _specs;
    private readonly int[] _fanIn;
    private readonly Slice[] _weights;
    private readonly Slice[] _bias;
    private readonly WorkspacePlan _scratchPlan;
    private readonly Standardization? _standardization;
    private readonly Slice _x, _z, _a0, _a1, _gemm;

    internal Predictor(Network network)
    {
        Inputs = network.Inputs;
        Outputs = network.Outputs;
        MaxBatch = network.MaxBatch;
        _specs = [.. network.Layers];
        _fanIn = new int[_specs.Length];
        _weights = new Slice[_specs.Length];
        _bias = new Slice[_specs.Length];

        var plan = new WorkspacePlan();
        int fanIn = Inputs, widest = 0;
        long gemm = 0;
        for (int l = 0; l < _specs.Length; l++)
        {
            int units = _specs[l].Units;
            _fanIn[l] = fanIn;
            _weights[l] = plan.Take((long)fanIn * units);
            _bias[l] = plan.Take(_specs[l].Bias ? units : 0);
            widest = Math.Max(widest, units);
            gemm = Math.Max(gemm, Gemm.ScratchLength(MaxBatch, fanIn, units));
            fanIn = units;
        }
        _parameters = new Workspace(plan);
        for (int l = 0; l < _specs.Length; l++)
        {
            network.Weights(l).CopyTo(_parameters[_weights[l]]);
            network.Bias(l).CopyTo(_parameters[_bias[l]]);
        }

        _standardization = network.Standardization;
        _scratchPlan = new WorkspacePlan();
        _x = _scratchPlan.Take(_standardization is null ? 0 : (long)MaxBatch * Inputs);
        _z = _scratchPlan.Take((long)MaxBatch * widest);
        _a0 = _scratchPlan.Take((long)MaxBatch * widest);
        _a1 = _scratchPlan.Take((long)MaxBatch * widest);
        _gemm = _scratchPlan.Take(gemm);
    }

    /// <summary>The number of input features.</summary>
    public int Inputs { get; }

    /// <summary>The number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>Rows computed per pass (the network's maximum batch); longer inputs are processed in chunks of this size.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// Runs the frozen network on <paramref name="x"/> (batch×inputs, row-major) and writes batch×outputs values to
    /// <paramref name="y"/>. Safe to call from many threads at once; allocates nothing after the calling thread's first call.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not whole rows, or the output span is too short.</exception>
    public void Predict(ReadOnlySpan<float> x, Span<float> y)
    {
        PredictionSpans.CheckApart(x, y);
        if (x.Length % Inputs != 0)
            throw new ArgumentException($"the input has {x.Length} values, which is not a whole number of rows of {Inputs} features", nameof(x));
        int count = x.Length / Inputs;
        if (y.Length < (long)count * Outputs)
            throw new ArgumentException($"the output span holds {y.Length} values but {count} rows of {Outputs} outputs need {(long)count * Outputs}", nameof(y));
        Workspace? scratch = t_scratch;
        if (scratch is null || scratch.Length < _scratchPlan.Length) t_scratch = scratch = new Workspace(_scratchPlan);
        for (int start = 0; start < count; start += MaxBatch)
        {
            int batch = Math.Min(MaxBatch, count - start);
            ReadOnlySpan<float> input = x.Slice(start * Inputs, batch * Inputs);
            if (_standardization is not null)
            {
                Span<float> standardized = scratch[_x].Slice(0, batch * Inputs);
                _standardization.Apply(input, standardized);
                input = standardized;
            }
            for (int l = 0; l < _specs.Length; l++)
            {
                Span<float> a = scratch[l % 2 == 0 ? _a0 : _a1];
                DenseLayer.Forward(_specs[l], _fanIn[l], input, _parameters[_weights[l]], _parameters[_bias[l]],
                    scratch[_z], a, batch, scratch[_gemm], keepZ: l == _specs.Length - 1);   // exactly as Network.Forward
                input = a;
            }
            input.Slice(0, batch * Outputs).CopyTo(y.Slice(start * Outputs, batch * Outputs));
        }
    }

    /// <summary>Runs the frozen network on <paramref name="x"/> (batch×inputs) and returns a new array of batch×outputs values.</summary>
    public float[] Predict(ReadOnlySpan<float> x)
    {
        var y = new float[x.Length / Inputs * Outputs];
        Predict(x, y);
        return y;
    }
}
