using FastNet.Kernels;
using FastNet.Layers;
using FastNet.Losses;
using FastNet.Memory;
using FastNet.Data;
using FastNet.Training;

namespace FastNet;

/// <summary>
/// A multilayer perceptron of dense layers over one <see cref="Workspace"/> planned for a maximum batch. Predicting and
/// training never allocate once the network exists; a batch larger than <see cref="MaxBatch"/> is split (prediction) or
/// refused (training). A network computes in one workspace, so it serves one thread at a time: a call from another
/// thread while it is busy (say, Predict while a <see cref="Trainer"/> runs) is refused with a <see cref="FastNetException"/>,
/// never computed on half-updated memory. To predict from many threads, or while training, use <see cref="CreatePredictor"/>.
/// </summary>
public sealed class Network
{
    private readonly DenseLayer[] _layers;
    private readonly LayerSpec[] _specs;
    private readonly Workspace _ws;
    private readonly Slice _parameters;
    private readonly Slice _gradients;
    private readonly Slice _optimizerState;
    private readonly Slice _inputGradient;
    private readonly Slice _batchInputs;
    private readonly Slice _batchTargets;
    private readonly Slice _scratch;
    private readonly Slice _lastGood;
    private readonly Slice _previousGood;
    private readonly Slice _best;
    private readonly Slice _tinyScratch;
    private readonly bool _tiny;   // TinyTraining computes the gradients (small all-sigmoid sse/mse networks on Vector512)
    private Standardization? _standardization;
    private string[]? _classNames;
    private int _owner;   // the managed thread id using the workspace, 0 when free
    private int _depth;   // how many nested calls of the owner are inside

    internal Network(int inputs, IReadOnlyList<LayerSpec> layers, Loss loss, int maxBatch, int maxDegreeOfParallelism = 1)
    {
        Validate(inputs, layers, loss, maxBatch);
        if (maxDegreeOfParallelism < 1)
            throw new FastNetException($"the maximum degree of parallelism must be at least 1, not {maxDegreeOfParallelism}");
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        Inputs = inputs;
        Loss = loss;
        MaxBatch = maxBatch;
        _specs = layers.ToArray();

        long parameterCount = 0;
        long scratch = 0;
        int fanIn = inputs;
        foreach (LayerSpec spec in _specs)
        {
            parameterCount += (long)fanIn * spec.Units + (spec.Bias ? spec.Units : 0);
            int t = maxDegreeOfParallelism;
            scratch = Math.Max(scratch, Math.Max(Gemm.ScratchLength(maxBatch, fanIn, spec.Units, t),
                Math.Max(Gemm.ScratchLength(fanIn, maxBatch, spec.Units, t), Gemm.ScratchLength(maxBatch, spec.Units, fanIn, t))));
            fanIn = spec.Units;
        }
        if (parameterCount > WorkspacePlan.MaxFloats)
            throw new FastNetException($"the network has {parameterCount} parameters, more than FastNet can hold");
        ParameterCount = (int)parameterCount;

        var plan = new WorkspacePlan();
        _parameters = plan.Take(parameterCount);
        _gradients = plan.Take(parameterCount);
        _optimizerState = plan.Take(parameterCount * Optimizer.StatePerParameter);
        _inputGradient = plan.Take((long)maxBatch * inputs);
        _batchInputs = plan.Take((long)maxBatch * inputs);
        _batchTargets = plan.Take((long)maxBatch * _specs[^1].Units);
        _scratch = plan.Take(scratch);
        _lastGood = plan.Take(parameterCount);
        _previousGood = plan.Take(parameterCount);
        _best = plan.Take(parameterCount);

        _layers = new DenseLayer[_specs.Length];
        int offset = _parameters.Offset;
        int gradientOffset = _gradients.Offset;
        fanIn = inputs;
        for (int l = 0; l < _specs.Length; l++)
        {
            LayerSpec spec = _specs[l];
            int weightCount = fanIn * spec.Units;
            int biasCount = spec.Bias ? spec.Units : 0;
            _layers[l] = new DenseLayer(spec, fanIn,
                new Slice(offset, weightCount), new Slice(offset + weightCount, biasCount),
                new Slice(gradientOffset, weightCount), new Slice(gradientOffset + weightCount, biasCount),
                plan.Take((long)maxBatch * spec.Units), plan.Take((long)maxBatch * spec.Units), plan.Take((long)maxBatch * spec.Units),
                isOutput: l == _specs.Length - 1);
            offset += weightCount + biasCount;
            gradientOffset += weightCount + biasCount;
            fanIn = spec.Units;
        }
        _tiny = TinyTraining.Supports(inputs, _specs, loss);
        _tinyScratch = plan.Take(_tiny ? TinyTraining.ScratchLength(inputs, _specs, maxBatch) : 0);
        _ws = new Workspace(plan);
    }

    /// <summary>The number of input features.</summary>
    public int Inputs { get; }

    /// <summary>The number of outputs (units of the last layer).</summary>
    public int Outputs => _specs[^1].Units;

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<LayerSpec> Layers => _specs;

    /// <summary>The loss the network is trained on.</summary>
    public Loss Loss { get; }

    /// <summary>The largest batch the workspace is planned for.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// The most threads one matrix product of this network may use (set with <see cref="NetworkBuilder.WithThreads"/>;
    /// default 1). Only products of at least about two million multiply-adds are split, so small networks always run on
    /// the calling thread; results are bit-identical for every value.
    /// </summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>The number of trainable parameters (all weights and biases).</summary>
    public int ParameterCount { get; }

    /// <summary>The weights W of layer <paramref name="layer"/>, (inputs×units) row-major: one row per input, z = x·W + b.</summary>
    public Span<float> Weights(int layer) => _ws[Layer(layer).Weights];

    /// <summary>The bias b of layer <paramref name="layer"/> (units); empty for a layer without bias.</summary>
    public Span<float> Bias(int layer) => _ws[Layer(layer).Bias];

    /// <summary>Every parameter in one span: layer 0's W then b, layer 1's W then b, and so on.</summary>
    public Span<float> Parameters => _ws[_parameters];

    /// <summary>
    /// Runs the network on <paramref name="x"/> (batch×inputs, row-major, raw features: the network's
    /// <see cref="Standardization"/>, if any, is applied first) and writes the outputs to <paramref name="y"/>
    /// (batch×outputs). Batches larger than <see cref="MaxBatch"/> are processed in chunks. Allocates nothing.
    /// </summary>
    public void Predict(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length % Inputs != 0)
            throw new FastNetException($"the input has {x.Length} values, which is not a whole number of rows of {Inputs} features");
        int count = x.Length / Inputs;
        if (y.Length < count * Outputs)
            throw new FastNetException($"the output span holds {y.Length} values but {count} rows of {Outputs} outputs need {count * Outputs}");
        Enter();
        try
        {
            for (int start = 0; start < count; start += MaxBatch)
            {
                int batch = Math.Min(MaxBatch, count - start);
                Forward(Standardized(x.Slice(start * Inputs, batch * Inputs)), batch);
                _ws[_layers[^1].A].Slice(0, batch * Outputs).CopyTo(y.Slice(start * Outputs, batch * Outputs));
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// A thread-safe predictor holding a copy of the current weights (and standardisation): use it to predict from many
    /// threads at once, or while this network goes on training (the predictor keeps what it was made with).
    /// </summary>
    /// <exception cref="FastNetException">The network is in use by another thread at this moment.</exception>
    public Predictor CreatePredictor()
    {
        Enter();
        try
        {
            return new Predictor(this);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Runs the network on <paramref name="x"/> (batch×inputs) and returns a new array of batch×outputs values.</summary>
    public float[] Predict(ReadOnlySpan<float> x)
    {
        var y = new float[x.Length / Inputs * Outputs];
        Predict(x, y);
        return y;
    }

    /// <summary>Trains on <paramref name="data"/> as <paramref name="options"/> say and returns the per-epoch history.</summary>
    public TrainingHistory Train(Dataset data, TrainingOptions options, CancellationToken cancellationToken = default) =>
        new Trainer(this, data, options).Run(null, cancellationToken);

    /// <summary>
    /// The loss (as trained on, averaged or summed as the loss defines) and, for labelled data, the accuracy and the
    /// confusion matrix. The network's standardisation, if any, is applied to the raw features first.
    /// </summary>
    public Evaluation Evaluate(Dataset data)
    {
        CheckDataset(data);
        float[] targets = data.TargetMatrix(Outputs, Loss);
        ConfusionMatrix? confusion = data.HasLabels ? new ConfusionMatrix(ClassCount) : null;
        double loss;
        int correct;
        Enter();
        try
        {
            loss = Measure(data.Features, targets, data.Labels, data.Count, standardize: true, confusion, out correct);
        }
        finally
        {
            Exit();
        }
        return new Evaluation(loss, !data.HasLabels ? null : (double)correct / data.Count, data.Count) { Confusion = confusion };
    }

    /// <summary>The number of classes the network tells apart: 2 for one output (output ≥ 0.5 is class 1), else the outputs.</summary>
    public int ClassCount => Outputs == 1 ? 2 : Outputs;

    /// <summary>The predicted class of one sample <paramref name="x"/> (inputs): argmax of the outputs, or output ≥ 0.5 for one output. Allocates nothing.</summary>
    public int PredictClass(ReadOnlySpan<float> x)
    {
        if (x.Length != Inputs) throw new FastNetException($"a sample has {Inputs} features, not {x.Length}");
        Enter();
        try
        {
            Forward(Standardized(x), 1);
            return PredictedClass(0);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>The predicted class of each sample of <paramref name="x"/> (batch×inputs) into <paramref name="classes"/> (batch). Allocates nothing.</summary>
    public void PredictClasses(ReadOnlySpan<float> x, Span<int> classes)
    {
        int count = Rows(x);
        if (classes.Length < count) throw new FastNetException($"the class span holds {classes.Length} values but there are {count} samples");
        Enter();
        try
        {
            for (int start = 0; start < count; start += MaxBatch)
            {
                int batch = Math.Min(MaxBatch, count - start);
                Forward(Standardized(x.Slice(start * Inputs, batch * Inputs)), batch);
                for (int i = 0; i < batch; i++) classes[start + i] = PredictedClass(i);
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Class probabilities of each sample of <paramref name="x"/> (batch×inputs) into <paramref name="probabilities"/>
    /// (batch×<see cref="ClassCount"/>): the softmax outputs, or (1 − p, p) for a single sigmoid output. Allocates nothing.
    /// </summary>
    /// <exception cref="FastNetException">The output layer is neither softmax nor a single sigmoid unit.</exception>
    public void PredictProbabilities(ReadOnlySpan<float> x, Span<float> probabilities)
    {
        Activation output = _specs[^1].Activation;
        bool single = Outputs == 1 && output == Activation.Sigmoid;
        if (output != Activation.Softmax && !single)
            throw new FastNetException($"class probabilities need a softmax output or one sigmoid output, not {Outputs} {output.ToString().ToLowerInvariant()} outputs");
        int count = Rows(x);
        if (probabilities.Length < count * ClassCount)
            throw new FastNetException($"the probability span holds {probabilities.Length} values but {count} rows of {ClassCount} classes need {count * ClassCount}");
        if (!single)
        {
            Predict(x, probabilities);
            return;
        }
        Enter();
        try
        {
            for (int start = 0; start < count; start += MaxBatch)
            {
                int batch = Math.Min(MaxBatch, count - start);
                Forward(Standardized(x.Slice(start * Inputs, batch * Inputs)), batch);
                ReadOnlySpan<float> a = _ws[_layers[^1].A];
                for (int i = 0; i < batch; i++)
                {
                    probabilities[2 * (start + i)] = 1f - a[i];
                    probabilities[2 * (start + i) + 1] = a[i];
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// The z-score standardisation applied to every input before the first layer (stored in model files), or null for
    /// none. Setting it does not change the weights.
    /// </summary>
    /// <exception cref="FastNetException">The standardisation is for a different number of features.</exception>
    public Standardization? Standardization
    {
        get => _standardization;
        set
        {
            if (value is not null && value.Features != Inputs)
                throw new FastNetException($"the standardisation is for {value.Features} features but the network takes {Inputs}");
            Enter();   // not while another thread predicts or trains with the old one
            _standardization = value;
            Exit();
        }
    }

    /// <summary>
    /// The name of each class (<c>ClassNames[PredictClass(x)]</c>), or null when the classes have none. Training on a
    /// dataset with <see cref="Dataset.ClassNames"/> sets them; model files keep them.
    /// </summary>
    /// <exception cref="ArgumentException">More names than <see cref="ClassCount"/>, or a null name.</exception>
    public IReadOnlyList<string>? ClassNames
    {
        get => _classNames;
        set
        {
            if (value is not null)
            {
                if (value.Count > ClassCount)
                    throw new ArgumentException($"{value.Count} class names, but the network tells {ClassCount} classes apart", nameof(value));
                foreach (string name in value) ArgumentNullException.ThrowIfNull(name, nameof(value));
            }
            _classNames = value?.ToArray();
        }
    }

    /// <summary>
    /// Loss of features x (count×inputs) against targets t (count×outputs), standardising x first when asked; counts
    /// correct predictions (and fills <paramref name="confusion"/>) for labels. Allocates nothing.
    /// </summary>
    internal double Measure(ReadOnlySpan<float> x, ReadOnlySpan<float> t, ReadOnlySpan<int> labels, int count, bool standardize,
        ConfusionMatrix? confusion, out int correct)
    {
        double loss = 0;
        correct = 0;
        for (int start = 0; start < count; start += MaxBatch)
        {
            int batch = Math.Min(MaxBatch, count - start);
            ReadOnlySpan<float> bx = x.Slice(start * Inputs, batch * Inputs);
            Forward(standardize ? Standardized(bx) : bx, batch);
            float batchLoss = LossGradient(t.Slice(start * Outputs, batch * Outputs), batch);
            loss += LossIsSum(Loss) ? batchLoss : (double)batchLoss * batch;
            if (labels.IsEmpty) continue;
            for (int i = 0; i < batch; i++)
            {
                int predicted = PredictedClass(i), actual = labels[start + i];
                if (predicted == actual) correct++;
                confusion?.Add(actual, predicted);
            }
        }
        return LossIsSum(Loss) ? loss : loss / count;
    }

    // x′ (batch×inputs) = standardise(x) in the batch-input scratch, or x itself when the network does not standardise
    private ReadOnlySpan<float> Standardized(ReadOnlySpan<float> x)
    {
        if (_standardization is null) return x;
        Span<float> scratch = _ws[_batchInputs].Slice(0, x.Length);
        _standardization.Apply(x, scratch);
        return scratch;
    }

    private int Rows(ReadOnlySpan<float> x) =>
        x.Length % Inputs == 0 ? x.Length / Inputs
            : throw new FastNetException($"the input has {x.Length} values, which is not a whole number of rows of {Inputs} features");

    /// <summary>The predicted class of row <paramref name="row"/> of the last batch: argmax, or output ≥ 0.5 for one output.</summary>
    internal int PredictedClass(int row)
    {
        ReadOnlySpan<float> a = _ws[_layers[^1].A].Slice(row * Outputs, Outputs);
        if (Outputs == 1) return a[0] >= 0.5f ? 1 : 0;
        int best = 0;
        for (int k = 1; k < a.Length; k++) if (a[k] > a[best]) best = k;
        return best;
    }

    /// <summary>
    /// How many of the last batch's rows are predicted as their label: row i's label is labels[order[start + i]], or
    /// labels[start + i] when <paramref name="order"/> is empty. Same decision as <see cref="PredictedClass"/>, one pass.
    /// </summary>
    internal int CountCorrect(ReadOnlySpan<int> labels, ReadOnlySpan<int> order, int start, int batch)
    {
        ReadOnlySpan<float> a = _ws[_layers[^1].A].Slice(0, batch * Outputs);
        int correct = 0;
        if (Outputs == 1)
        {
            for (int i = 0; i < a.Length; i++)
                if ((a[i] >= 0.5f ? 1 : 0) == labels[order.IsEmpty ? start + i : order[start + i]]) correct++;
            return correct;
        }
        for (int i = 0; i < batch; i++)
            if (PredictedClass(i) == labels[order.IsEmpty ? start + i : order[start + i]]) correct++;
        return correct;
    }

    internal static bool LossIsSum(Loss loss) => loss == Loss.Sse;

    internal void CheckDataset(Dataset data)
    {
        if (data.FeatureCount != Inputs)
            throw data.Error($"the data has {data.FeatureCount} features per sample but the network takes {Inputs}");
        if (!data.HasLabels && data.TargetWidth != Outputs)
            throw data.Error($"the data has {data.TargetWidth} targets per sample but the network has {Outputs} outputs");
        if (data.HasLabels)
        {
            if (data.ClassNames is { } names && _classNames is { } mine && !names.SequenceEqual(mine))
                throw data.Error($"the data's classes ({string.Join(", ", names)}) are not the network's ({string.Join(", ", mine)})");
            ReadOnlySpan<int> labels = data.Labels;
            int classes = Outputs == 1 ? 2 : Outputs;
            for (int i = 0; i < labels.Length; i++)
                if ((uint)labels[i] >= (uint)classes)
                    throw data.Error($"label {labels[i]} of sample {i} is outside the network's {classes} classes");
        }
    }

    // ---- the training step: forward, loss, backward, update -------------------------------------------------------

    /// <summary>The workspace rows the trainer gathers a shuffled batch into: x (maxBatch×inputs), t (maxBatch×outputs).</summary>
    internal Span<float> BatchInputs => _ws[_batchInputs];
    internal Span<float> BatchTargets => _ws[_batchTargets];
    internal Span<float> Gradients => _ws[_gradients];
    internal Span<float> OptimizerState => _ws[_optimizerState];
    internal Span<float> InputGradient => _ws[_inputGradient];

    /// <summary>A copy of the parameters after the last epoch that ended finite (the divergence policy's fallback).</summary>
    internal Span<float> LastGoodParameters => _ws[_lastGood];

    /// <summary>The parameters one finite epoch before <see cref="LastGoodParameters"/> (finite weights can still overflow the loss).</summary>
    internal Span<float> PreviousGoodParameters => _ws[_previousGood];

    /// <summary>A copy of the parameters of the epoch with the lowest validation loss (early stopping's restore point).</summary>
    internal Span<float> BestParameters => _ws[_best];

    /// <summary>One gradient-descent step on a batch: forward, loss, backward, update. Returns the batch loss.</summary>
    internal float TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, OptimizerOptions optimizer, float learningRate, int step)
    {
        Enter();
        try
        {
            float loss = ComputeGradients(x, t, batch, inputGradient: false);
            Optimizer.Step(optimizer, learningRate, _ws[_parameters], _ws[_gradients], _ws[_optimizerState], step);
            return loss;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Forward, loss and backward on a batch; leaves ∂L/∂θ in <see cref="Gradients"/> (and ∂L/∂x in <see cref="InputGradient"/>).</summary>
    internal float ComputeGradients(ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, bool inputGradient)
    {
        if ((uint)batch > (uint)MaxBatch || batch == 0)
            throw new FastNetException($"a batch of {batch} samples does not fit the network's plan (1 to {MaxBatch}); build it with a larger maximum batch");
        Enter();
        try
        {
            if (_tiny && !inputGradient)
                return TinyTraining.Run(_ws[_parameters], x, t, batch, Inputs, _specs, Loss, _ws[_gradients], _ws[_layers[^1].A], _ws[_tinyScratch]);
            Forward(x, batch);
            float loss = LossGradient(t, batch);
            Backward(x, batch, inputGradient);
            return loss;
        }
        finally
        {
            Exit();
        }
    }

    // ---- one thread at a time -------------------------------------------------------------------------------------

    /// <summary>
    /// Claims the workspace for the calling thread (nested calls of the same thread are fine: a trainer's run holds it
    /// while its steps and measurements enter again), or refuses if another thread holds it right now.
    /// </summary>
    internal void Enter()
    {
        int me = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref _owner) == me)
        {
            _depth++;
            return;
        }
        if (Interlocked.CompareExchange(ref _owner, me, 0) != 0)
            throw new FastNetException("the network is in use by another thread (training or predicting); a Network serves one " +
                "thread at a time: use network.CreatePredictor() to predict from many threads or while training");
        _depth = 1;
    }

    /// <summary>Releases one <see cref="Enter"/>; the workspace is free again when the outermost call leaves.</summary>
    internal void Exit()
    {
        if (--_depth == 0) Volatile.Write(ref _owner, 0);
    }

    // a_l = f(a_{l-1}·W_l + b_l), a_{-1} = x
    internal void Forward(ReadOnlySpan<float> x, int batch)
    {
        Span<float> scratch = _ws[_scratch];
        ReadOnlySpan<float> input = x;
        foreach (DenseLayer layer in _layers)
        {
            layer.Forward(_ws, input, batch, scratch, MaxDegreeOfParallelism);
            input = _ws[layer.A];
        }
    }

    // L(a_out, t); dz_out = ∂L/∂z_out into the last layer's delta
    private float LossGradient(ReadOnlySpan<float> t, int batch)
    {
        DenseLayer output = _layers[^1];
        return LossKernels.Forward(Loss, output.Activation, _ws[output.Z], _ws[output.A], t, _ws[output.Delta], batch, output.Units);
    }

    // for l = L-1..0: dW_l, db_l from dz_l; da_{l-1} = dz_l·W_lᵀ; dz_{l-1} = da_{l-1} ⊙ f′
    private void Backward(ReadOnlySpan<float> x, int batch, bool inputGradient)
    {
        Span<float> scratch = _ws[_scratch];
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            DenseLayer layer = _layers[l];
            if (l > 0)
            {
                DenseLayer below = _layers[l - 1];
                layer.Backward(_ws, _ws[below.A], batch, _ws[below.Delta], scratch, MaxDegreeOfParallelism, biasGradientReady: !layer.IsOutput);
                below.ActivationBackward(_ws, batch);
            }
            else
            {
                layer.Backward(_ws, x, batch, inputGradient ? _ws[_inputGradient] : Span<float>.Empty, scratch, MaxDegreeOfParallelism,
                    biasGradientReady: !layer.IsOutput);
            }
        }
    }

    // ---- construction helpers ----------------------------------------------------------------------------------

    /// <summary>A new network with the same architecture, plan, weights and standardisation (not the optimizer state).</summary>
    internal Network Clone()
    {
        var copy = new Network(Inputs, _specs, Loss, MaxBatch, MaxDegreeOfParallelism) { _standardization = _standardization, _classNames = _classNames };
        _ws[_parameters].CopyTo(copy._ws[copy._parameters]);
        return copy;
    }

    /// <summary>Glorot/Xavier uniform for sigmoid, tanh, identity and softmax layers, He uniform for relu; biases 0.</summary>
    internal void InitializeWeights(ulong seed)
    {
        var random = new SeededRandom(seed);
        for (int l = 0; l < _layers.Length; l++)
        {
            DenseLayer layer = _layers[l];
            double limit = layer.Activation == Activation.Relu
                ? Math.Sqrt(6.0 / layer.Inputs)
                : Math.Sqrt(6.0 / (layer.Inputs + layer.Units));
            Span<float> w = _ws[layer.Weights];
            for (int i = 0; i < w.Length; i++) w[i] = (float)((2 * random.NextDouble() - 1) * limit);
            _ws[layer.Bias].Clear();
        }
    }

    private DenseLayer Layer(int layer) =>
        (uint)layer < (uint)_layers.Length ? _layers[layer]
            : throw new ArgumentOutOfRangeException(nameof(layer), layer, $"the network has {_layers.Length} layers");

    private static void Validate(int inputs, IReadOnlyList<LayerSpec> layers, Loss loss, int maxBatch)
    {
        if (inputs < 1) throw new FastNetException($"a network needs at least one input, not {inputs}");
        if (layers.Count == 0) throw new FastNetException("a network needs at least one layer");
        if (maxBatch < 1) throw new FastNetException($"the maximum batch must be at least 1, not {maxBatch}");
        if (!Enum.IsDefined(loss)) throw new FastNetException($"unknown loss {loss}");
        for (int l = 0; l < layers.Count; l++)
        {
            LayerSpec spec = layers[l];
            if (spec.Units < 1) throw new FastNetException($"layer {l} needs at least one unit, not {spec.Units}");
            if (!Enum.IsDefined(spec.Activation)) throw new FastNetException($"layer {l} has an unknown activation {spec.Activation}");
            if (spec.Activation == Activation.Softmax && l != layers.Count - 1)
                throw new FastNetException($"layer {l}: softmax is only valid as the output layer");
        }
        Activation output = layers[^1].Activation;
        if (loss == Loss.CrossEntropy && output != Activation.Softmax)
            throw new FastNetException($"the ce loss needs a softmax output layer, not {output.ToString().ToLowerInvariant()}");
        if (output == Activation.Softmax && loss != Loss.CrossEntropy)
            throw new FastNetException($"a softmax output layer is only valid with the ce loss, not {loss.ToString().ToLowerInvariant()}");
        if (loss == Loss.Bce && output != Activation.Sigmoid)
            throw new FastNetException($"the bce loss needs a sigmoid output layer, not {output.ToString().ToLowerInvariant()}");
        if (output == Activation.Softmax && layers[^1].Units < 2)
            throw new FastNetException("a softmax output layer needs at least two units (one per class)");
    }
}
