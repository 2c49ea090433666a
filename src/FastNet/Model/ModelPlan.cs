using System.Numerics;
using System.Runtime.Intrinsics;
using FastNet.Kernels;
using FastNet.Losses;
using FastNet.Memory;

namespace FastNet.Model;

/// <summary>
/// The memory plan of one network for one batch size, and the passes over it: forward, loss and backward. An inference
/// plan holds what the forward pass needs (every layer's a, the output's z and dz for the loss, GEMM scratch); a
/// training plan adds every layer's delta, the gradient vector, the input gradient and the scratch of the backward
/// products. The plan is only offsets: the memory is a <see cref="Workspace"/> made by <see cref="Allocate"/> (or any
/// workspace at least <see cref="Length"/> long), and the parameters a span in the <see cref="ParameterLayout"/>.
/// A training plan chooses its <see cref="Path"/> (the general one, or a fast path for shapes that have one) here, once.
/// </summary>
internal sealed class ModelPlan
{
    private readonly DenseLayer[] _layers;
    private readonly WorkspacePlan _plan = new();
    private readonly Slice _scratch, _gradients, _inputGradient, _input, _targets;
    private readonly Slice[] _masks, _dropped;   // training plans, per layer with dropout: the scales 0 or 1/(1 − p), and a ⊙ mask (batch×units)

    /// <param name="layout">Where the parameters are.</param>
    /// <param name="loss">The loss the plan computes.</param>
    /// <param name="batch">The most rows a pass takes.</param>
    /// <param name="threads">The most threads one matrix product may use.</param>
    /// <param name="training">Whether to plan the backward pass too.</param>
    /// <param name="inputRows">For training: rows for one batch's inputs and targets (a shuffled batch gathered, or a caller's x kept for backward).</param>
    /// <param name="inputGradient">For training: room for ∂L/∂x (batch×inputs).</param>
    public ModelPlan(ParameterLayout layout, Loss loss, int batch, int threads, bool training, bool inputRows = false, bool inputGradient = false)
    {
        if (batch < 1) throw new FastNetException($"the maximum batch must be at least 1, not {batch}");
        Layout = layout;
        Loss = loss;
        Batch = batch;
        Threads = threads;
        Training = training;
        LayerSpec[] specs = layout.Specs;
        long scratch = 0;
        _layers = new DenseLayer[specs.Length];
        for (int l = 0; l < specs.Length; l++)
        {
            int fanIn = layout.FanIn[l], units = specs[l].Units;
            bool output = l == specs.Length - 1;
            scratch = Math.Max(scratch, Gemm.ScratchLength(batch, fanIn, units, threads));
            if (training)
                scratch = Math.Max(scratch, Math.Max(Gemm.ScratchLength(fanIn, batch, units, threads), Gemm.ScratchLength(batch, units, fanIn, threads)));
            long rows = (long)batch * units;
            _layers[l] = new DenseLayer(specs[l], fanIn, layout.Weights[l], layout.Bias[l],
                z: _plan.Take(output ? rows : 0), a: _plan.Take(rows), delta: _plan.Take(output || training ? rows : 0), output);
        }
        _masks = new Slice[specs.Length];
        _dropped = new Slice[specs.Length];
        for (int l = 0; l < specs.Length; l++)
        {
            long rows = training && specs[l].Dropout > 0f ? (long)batch * specs[l].Units : 0;
            _masks[l] = _plan.Take(rows);
            _dropped[l] = _plan.Take(rows);
        }
        _scratch = _plan.Take(scratch);
        _gradients = _plan.Take(training ? layout.Count : 0);
        _inputGradient = _plan.Take(training && inputGradient ? (long)batch * layout.Inputs : 0);
        _input = _plan.Take(training && inputRows ? (long)batch * layout.Inputs : 0);
        _targets = _plan.Take(training && inputRows ? (long)batch * layout.Outputs : 0);
        Path = !training ? null
            : TinyPath.Supports(this) ? new TinyPath(this, _plan.Take(TinyPath.ScratchLength(this)))
            : new GeneralPath(this);
    }

    public ParameterLayout Layout { get; }
    public Loss Loss { get; }

    /// <summary>The largest batch the plan holds.</summary>
    public int Batch { get; }

    /// <summary>The most threads one matrix product may use.</summary>
    public int Threads { get; }

    /// <summary>Whether the plan holds the backward pass (deltas, gradients, input gradient).</summary>
    public bool Training { get; }

    /// <summary>Whether the plan has room for ∂L/∂x.</summary>
    public bool HasInputGradient => _inputGradient.Length > 0;

    /// <summary>The floats a workspace for this plan holds.</summary>
    public long Length => _plan.Length;

    /// <summary>The gradient path of a training plan, chosen when the plan is built; null for inference.</summary>
    public IGradientPath? Path { get; }

    public int Inputs => Layout.Inputs;
    public int Outputs => Layout.Outputs;

    /// <summary>A new workspace for this plan.</summary>
    public Workspace Allocate() => new(_plan);

    /// <summary>Whether the loss adds the rows' losses (sse) rather than averaging them; each loss decides (<see cref="LossKernels.IsSum"/>).</summary>
    public static bool LossIsSum(Loss loss) => LossKernels.IsSum(loss);

    /// <summary>a_out (batch×outputs) of the last forward pass.</summary>
    public Span<float> Output(Workspace ws, int batch) => ws[_layers[^1].A].Slice(0, batch * Outputs);

    /// <summary>∂L/∂θ of the last backward pass, in the parameter layout (training plans).</summary>
    public Span<float> Gradients(Workspace ws) => ws[_gradients];

    /// <summary>Rows x (batch×inputs) a training plan keeps its input in: a shuffled batch gathered, or a copy of the caller's x.</summary>
    public Span<float> Input(Workspace ws) => ws[_input];

    /// <summary>Rows t (batch×outputs) a training plan gathers a shuffled batch's targets into.</summary>
    public Span<float> Targets(Workspace ws) => ws[_targets];

    /// <summary>∂L/∂x (batch×inputs) of the last backward pass that asked for it (training plans).</summary>
    public Span<float> InputGradient(Workspace ws, int batch) => ws[_inputGradient].Slice(0, batch * Inputs);

    // a_l = f(a_{l-1}·W_l + b_l), a_{-1} = x (batch×inputs)
    public void Forward(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, int batch)
    {
        SeededRandom unused = default;
        Forward(parameters, ws, x, batch, dropout: false, ref unused);
    }

    // the same; in a training step (dropout) a hidden layer with a rate passes a ⊙ mask upward, the mask drawn from random
    public void Forward(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, int batch, bool dropout, ref SeededRandom random)
    {
        Span<float> scratch = ws[_scratch];
        ReadOnlySpan<float> input = x;
        for (int l = 0; l < _layers.Length; l++)
        {
            DenseLayer layer = _layers[l];
            layer.Forward(parameters, ws, input, batch, scratch, Threads);
            input = ws[layer.A];
            if (!dropout || _masks[l].Length == 0) continue;
            int length = batch * layer.Units;
            DropoutKernels.Forward(ref random, layer.Spec.Dropout, ws[layer.A].Slice(0, length), ws[_masks[l]].Slice(0, length), ws[_dropped[l]].Slice(0, length));
            input = ws[_dropped[l]];
        }
    }

    // L(a_out, t (batch×outputs)); dz_out = ∂L/∂z_out into the output layer's delta; with sample weights w (batch) as
    // WeightedLoss defines them
    public float LossGradient(Workspace ws, ReadOnlySpan<float> t, int batch, ReadOnlySpan<float> w = default)
    {
        DenseLayer output = _layers[^1];
        float loss = LossKernels.Forward(Loss, output.Activation, ws[output.Z], ws[output.A], t, ws[output.Delta], batch, output.Units);
        return w.IsEmpty ? loss : WeightedLoss.Apply(Loss, output.Activation, ws[output.Z], ws[output.A], t, w, ws[output.Delta], batch, output.Units);
    }

    // dz_out (batch×outputs) = da_out ⊙ f′(a_out), or for softmax dz_i = a_i·(da_i − Σ_j a_j·da_j): a caller's ∂L/∂a_out
    // turned into the output layer's delta, ready for Backward
    public void SetOutputGradient(Workspace ws, ReadOnlySpan<float> da, int batch)
    {
        DenseLayer output = _layers[^1];
        int units = output.Units, length = batch * units;
        Span<float> dz = ws[output.Delta].Slice(0, length);
        da.Slice(0, length).CopyTo(dz);
        if (output.Activation != Activation.Softmax)
        {
            ActivationKernels.Backward(output.Activation, ws[output.A], dz, length);
            return;
        }
        ReadOnlySpan<float> a = ws[output.A];
        for (int i = 0; i < batch; i++)
        {
            Span<float> row = dz.Slice(i * units, units);
            ReadOnlySpan<float> ai = a.Slice(i * units, units);
            float dot = 0f;
            for (int k = 0; k < units; k++) dot += ai[k] * row[k];
            for (int k = 0; k < units; k++) row[k] = ai[k] * (row[k] - dot);
        }
    }

    // for l = L-1..0: dW_l, db_l from dz_l; da_{l-1} = dz_l·W_lᵀ; dz_{l-1} = da_{l-1} ⊙ f′; dx (batch×inputs) unless not wanted
    // with dropout (the forward pass drew masks), layer l's input was a_{l-1} ⊙ m, and da_{l-1} ⊙= m before f′
    public void Backward(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, int batch, bool inputGradient, bool dropout = false)
    {
        Span<float> scratch = ws[_scratch], gradients = ws[_gradients];
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            DenseLayer layer = _layers[l];
            if (l > 0)
            {
                DenseLayer below = _layers[l - 1];
                bool dropped = dropout && _masks[l - 1].Length > 0;
                layer.Backward(parameters, ws, gradients, ws[dropped ? _dropped[l - 1] : below.A], batch, ws[below.Delta], scratch, Threads,
                    biasGradientReady: !layer.IsOutput);
                if (dropped) DropoutKernels.Backward(ws[_masks[l - 1]].Slice(0, batch * below.Units), ws[below.Delta].Slice(0, batch * below.Units));
                below.ActivationBackward(ws, gradients, batch);
            }
            else
            {
                layer.Backward(parameters, ws, gradients, x, batch, inputGradient ? ws[_inputGradient] : Span<float>.Empty, scratch, Threads,
                    biasGradientReady: !layer.IsOutput);
            }
        }
    }

    /// <summary>The predicted class of row <paramref name="row"/> of the last batch: argmax, or output ≥ 0.5 for one output.</summary>
    public int PredictedClass(Workspace ws, int row)
    {
        ReadOnlySpan<float> a = ws[_layers[^1].A].Slice(row * Outputs, Outputs);
        if (Outputs == 1) return a[0] >= 0.5f ? 1 : 0;
        int best = 0;
        for (int k = 1; k < a.Length; k++) if (a[k] > a[best]) best = k;
        return best;
    }

    /// <summary>
    /// How many of the last batch's rows are predicted as their label: row i's label is labels[order[start + i]], or
    /// labels[start + i] when <paramref name="order"/> is empty. Same decision as <see cref="PredictedClass"/>, one pass.
    /// </summary>
    public int CountCorrect(Workspace ws, ReadOnlySpan<int> labels, ReadOnlySpan<int> order, int start, int batch)
    {
        ReadOnlySpan<float> a = Output(ws, batch);
        int correct = 0;
        if (Outputs == 1)
        {
            int i = 0;
            if (order.IsEmpty && Vector128.IsHardwareAccelerated)
            {
                // four rows at a time (a full-batch epoch spent a tenth of its time here, row by row): right where
                // a ≥ ½ and the label is 1, or a < ½ (NaN included) and the label is 0
                ReadOnlySpan<int> rows = labels.Slice(start, a.Length);
                Vector128<float> half = Vector128.Create(0.5f);
                for (; i + 4 <= a.Length; i += 4)
                {
                    Vector128<int> high = Vector128.GreaterThanOrEqual(Vector128.Create(a.Slice(i, 4)), half).AsInt32();
                    Vector128<int> label = Vector128.Create(rows.Slice(i, 4));
                    Vector128<int> right = (high & Vector128.Equals(label, Vector128<int>.One)) | Vector128.AndNot(Vector128.Equals(label, Vector128<int>.Zero), high);
                    correct += BitOperations.PopCount(right.ExtractMostSignificantBits());
                }
            }
            for (; i < a.Length; i++)
                if ((a[i] >= 0.5f ? 1 : 0) == labels[order.IsEmpty ? start + i : order[start + i]]) correct++;
            return correct;
        }
        for (int i = 0; i < batch; i++)
            if (PredictedClass(ws, i) == labels[order.IsEmpty ? start + i : order[start + i]]) correct++;
        return correct;
    }
}
