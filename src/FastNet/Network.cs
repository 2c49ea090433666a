using FastNet.Data;
using FastNet.Memory;
using FastNet.Model;
using FastNet.Training;

namespace FastNet;

/// <summary>
/// A multilayer perceptron of dense layers over one <see cref="Workspace"/> planned for a maximum batch. Predicting and
/// training never allocate once the network exists; a batch larger than <see cref="MaxBatch"/> is split (prediction) or
/// refused (training). A network computes in one workspace, so it serves one thread at a time: a call from another
/// thread while it is busy (say, Predict while a <see cref="Trainer"/> runs) is refused with a <see cref="FastNetException"/>,
/// never computed on half-updated memory. To predict from many threads, or while training, use <see cref="CreatePredictor()"/>.
/// </summary>
public sealed class Network
{
    private readonly ParameterLayout _layout;
    private readonly Workspace _parameterMemory;
    private readonly Slice _parameters;
    private readonly ModelPlan _plan;   // the inference plan for MaxBatch rows: a, the output's z and dz, GEMM scratch
    private readonly Workspace _ws;
    private float[]? _standardized;     // MaxBatch×inputs, made when a standardisation is set
    private Standardization? _standardization;
    private string[]? _classNames;
    private int _owner;   // the managed thread id using the workspace, 0 when free
    private int _depth;   // how many nested calls of the owner are inside

    /// <summary>Whether a trainer's run or epoch is under way on this network (a second one, e.g. from its progress callback, is refused).</summary>
    internal bool Training { get; set; }

    internal Network(int inputs, IReadOnlyList<LayerSpec> layers, Loss loss, int maxBatch, int maxDegreeOfParallelism = 1)
    {
        Validate(inputs, layers, loss, maxBatch);
        if (maxDegreeOfParallelism < 1)
            throw new FastNetException($"the maximum degree of parallelism must be at least 1, not {maxDegreeOfParallelism}");
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        Loss = loss;
        MaxBatch = maxBatch;
        _layout = new ParameterLayout(inputs, layers);
        var parameters = new WorkspacePlan();
        _parameters = parameters.Take(_layout.Count);
        _parameterMemory = new Workspace(parameters);
        _plan = new ModelPlan(_layout, loss, maxBatch, maxDegreeOfParallelism, training: false);
        _ws = _plan.Allocate();
    }

    /// <summary>The number of input features.</summary>
    public int Inputs => _layout.Inputs;

    /// <summary>The number of outputs (units of the last layer).</summary>
    public int Outputs => _layout.Outputs;

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<LayerSpec> Layers => _layout.Specs;

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
    public int ParameterCount => _layout.Count;

    /// <summary>
    /// The bytes of memory this network's workspace holds: the parameters, plus what its forward pass needs for
    /// <see cref="MaxBatch"/> rows (every layer's activations, the output's pre-activation and loss gradient, GEMM
    /// scratch, and the standardised inputs when it has a <see cref="Standardization"/>). Training state (gradients,
    /// optimizer moments, fallback copies) belongs to the <see cref="Trainer"/> or <see cref="TrainingStep"/> and is not counted.
    /// </summary>
    public long WorkspaceBytes => (_parameterMemory.Length + _ws.Length + (_standardized?.Length ?? 0)) * sizeof(float);

    /// <summary>The weights W of layer <paramref name="layer"/>, (inputs×units) row-major: one row per input, z = x·W + b.</summary>
    public Span<float> Weights(int layer) => Parameters.Slice(_layout.Weights[Layer(layer)].Offset, _layout.Weights[layer].Length);

    /// <summary>The bias b of layer <paramref name="layer"/> (units); empty for a layer without bias.</summary>
    public Span<float> Bias(int layer) => Parameters.Slice(_layout.Bias[Layer(layer)].Offset, _layout.Bias[layer].Length);

    /// <summary>Every parameter in one span: layer 0's W then b, layer 1's W then b, and so on.</summary>
    public Span<float> Parameters => _parameterMemory[_parameters];

    /// <summary>
    /// Runs the network on <paramref name="x"/> (batch×inputs, row-major, raw features: the network's
    /// <see cref="Standardization"/>, if any, is applied first) and writes the outputs to <paramref name="y"/>
    /// (batch×outputs). Batches larger than <see cref="MaxBatch"/> are processed in chunks. Allocates nothing.
    /// </summary>
    public void Predict(ReadOnlySpan<float> x, Span<float> y)
    {
        PredictionSpans.CheckApart(x, y);
        if (x.Length % Inputs != 0)
            throw new ArgumentException($"the input has {x.Length} values, which is not a whole number of rows of {Inputs} features", nameof(x));
        int count = x.Length / Inputs;
        if (y.Length < count * Outputs)
            throw new ArgumentException($"the output span holds {y.Length} values but {count} rows of {Outputs} outputs need {count * Outputs}", nameof(y));
        var sink = new OutputSink(y);
        Run(x, count, ref sink);
    }

    /// <summary>
    /// A thread-safe predictor holding a copy of the current weights (and standardisation): use it to predict from many
    /// threads at once, or while this network goes on training (the predictor keeps what it was made with).
    /// </summary>
    /// <exception cref="FastNetException">The network is in use by another thread at this moment.</exception>
    public Predictor CreatePredictor() => CreatePredictor(MaxDegreeOfParallelism);

    /// <summary>
    /// A thread-safe predictor (see <see cref="CreatePredictor()"/>) that splits a large batch by rows over up to
    /// <paramref name="threads"/> threads of the shared worker pool; its results are bit-identical for every thread count.
    /// </summary>
    /// <exception cref="FastNetException">The network is in use by another thread at this moment, or threads is below 1.</exception>
    public Predictor CreatePredictor(int threads)
    {
        Enter();
        try
        {
            return new Predictor(this, threads);
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
        new Trainer(this, data, options).Run(cancellationToken: cancellationToken);

    /// <summary>
    /// Trains on <paramref name="data"/> as <paramref name="options"/> say, reporting each completed epoch to
    /// <paramref name="progress"/> (on the training thread) and stopping at the end of the epoch in which
    /// <paramref name="cancellationToken"/> is cancelled (<see cref="TrainingHistory.Cancelled"/>).
    /// </summary>
    public TrainingHistory Train(Dataset data, TrainingOptions options, IProgress<EpochRecord>? progress, CancellationToken cancellationToken = default) =>
        progress is null ? Train(data, options, cancellationToken) : new Trainer(this, data, options).Run(progress, cancellationToken);

    /// <summary>
    /// The loss (as trained on, averaged or summed as the loss defines, weighted by the data's sample weights if it has
    /// them) and, for labelled data, the accuracy, the confusion matrix (with per-class precision, recall and F1) and the
    /// log-loss; for regression data, MSE, RMSE, MAE and R². The network's standardisation, if any, is applied to the raw features first.
    /// </summary>
    public Evaluation Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckDataset(data);
        float[] targets = data.TargetMatrix(Outputs, Loss);
        ConfusionMatrix? confusion = data.HasLabels ? new ConfusionMatrix(ClassCount) : null;
        double loss;
        int correct;
        Enter();
        try
        {
            loss = Measure(data.Features, targets, data.Labels, data.Count, standardize: true, confusion, out correct, data.Weights);
        }
        finally
        {
            Exit();
        }
        return new Evaluation(loss, !data.HasLabels ? null : (double)correct / data.Count, data.Count)
        {
            Confusion = confusion,
            LogLoss = data.HasLabels && HasProbabilities ? LogLoss(data) : null,
            Regression = data.HasLabels ? null : RegressionMetrics.Compute(Predict(data.Features), data.Targets, Outputs),
        };
    }

    private bool HasProbabilities => _layout.Specs[^1].Activation == Activation.Softmax || (Outputs == 1 && _layout.Specs[^1].Activation == Activation.Sigmoid);

    private double LogLoss(Dataset data)
    {
        var probabilities = new float[data.Count * ClassCount];
        PredictProbabilities(data.Features, probabilities);
        return FastNet.LogLoss.Compute(probabilities, data.Labels, ClassCount);
    }

    /// <summary>The number of classes the network tells apart: 2 for one output (output ≥ 0.5 is class 1), else the outputs.</summary>
    public int ClassCount => Outputs == 1 ? 2 : Outputs;

    /// <summary>The predicted class of one sample <paramref name="x"/> (inputs): argmax of the outputs, or output ≥ 0.5 for one output. Allocates nothing.</summary>
    public int PredictClass(ReadOnlySpan<float> x)
    {
        if (x.Length != Inputs) throw new ArgumentException($"a sample has {Inputs} features, not {x.Length}", nameof(x));
        Span<int> classes = stackalloc int[1];
        var sink = new ClassSink(classes);
        Run(x, 1, ref sink);
        return classes[0];
    }

    /// <summary>The predicted class of each sample of <paramref name="x"/> (batch×inputs) into <paramref name="classes"/> (batch). Allocates nothing.</summary>
    public void PredictClasses(ReadOnlySpan<float> x, Span<int> classes)
    {
        int count = Rows(x);
        if (classes.Length < count) throw new ArgumentException($"the class span holds {classes.Length} values but there are {count} samples", nameof(classes));
        var sink = new ClassSink(classes);
        Run(x, count, ref sink);
    }

    /// <summary>
    /// Class probabilities of each sample of <paramref name="x"/> (batch×inputs) into <paramref name="probabilities"/>
    /// (batch×<see cref="ClassCount"/>): the softmax outputs, or (1 − p, p) for a single sigmoid output. Allocates nothing.
    /// </summary>
    /// <exception cref="FastNetException">The output layer is neither softmax nor a single sigmoid unit.</exception>
    public void PredictProbabilities(ReadOnlySpan<float> x, Span<float> probabilities)
    {
        Activation output = _layout.Specs[^1].Activation;
        bool single = Outputs == 1 && output == Activation.Sigmoid;
        if (!HasProbabilities)
            throw new FastNetException($"class probabilities need a softmax output or one sigmoid output, not {Outputs} {output.ToString().ToLowerInvariant()} outputs");
        int count = Rows(x);
        if (probabilities.Length < count * ClassCount)
            throw new ArgumentException($"the probability span holds {probabilities.Length} values but {count} rows of {ClassCount} classes need {count * ClassCount}", nameof(probabilities));
        if (!single)
        {
            Predict(x, probabilities);
            return;
        }
        var sink = new BinaryProbabilitySink(probabilities);
        Run(x, count, ref sink);
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
            if (value is not null) _standardized ??= new float[(long)MaxBatch * Inputs];
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
        ConfusionMatrix? confusion, out int correct, ReadOnlySpan<float> w = default)
    {
        var sink = new MeasureSink(t, labels, confusion, w);
        Enter();
        try
        {
            ChunkedRunner.Run(_plan, Parameters, _ws, standardize ? _standardization : null, _standardized, x, count, ref sink);
        }
        finally
        {
            Exit();
        }
        correct = sink.Correct;
        return ModelPlan.LossIsSum(Loss) ? sink.Loss : sink.Loss / sink.Weight;
    }

    // the forward pass over count rows of raw features x, chunk by chunk, into sink
    private void Run<TSink>(ReadOnlySpan<float> x, int count, ref TSink sink) where TSink : IChunkSink, allows ref struct
    {
        Enter();
        try
        {
            ChunkedRunner.Run(_plan, Parameters, _ws, _standardization, _standardized, x, count, ref sink);
        }
        finally
        {
            Exit();
        }
    }

    private int Rows(ReadOnlySpan<float> x) =>
        x.Length % Inputs == 0 ? x.Length / Inputs
            : throw new ArgumentException($"the input has {x.Length} values, which is not a whole number of rows of {Inputs} features", nameof(x));

    /// <summary>The parameter layout (W then b per layer), shared by every plan of this network.</summary>
    internal ParameterLayout Layout => _layout;

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

    // ---- construction helpers ----------------------------------------------------------------------------------

    /// <summary>
    /// A new network with the same architecture, plan (<see cref="MaxBatch"/>, threads), weights and standardisation.
    /// The copy shares nothing with this network: training one leaves the other as it is.
    /// </summary>
    /// <exception cref="FastNetException">The network is in use by another thread at this moment.</exception>
    public Network Clone()
    {
        Enter();
        try
        {
            var copy = new Network(Inputs, _layout.Specs, Loss, MaxBatch, MaxDegreeOfParallelism) { Standardization = _standardization, _classNames = _classNames };
            Parameters.CopyTo(copy.Parameters);
            return copy;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Glorot/Xavier uniform for sigmoid, tanh, identity and softmax layers, He uniform for relu; biases 0.</summary>
    internal void InitializeWeights(ulong seed)
    {
        var random = new SeededRandom(seed);
        for (int l = 0; l < _layout.Specs.Length; l++)
        {
            LayerSpec spec = _layout.Specs[l];
            int fanIn = _layout.FanIn[l];
            double limit = spec.Activation == Activation.Relu
                ? Math.Sqrt(6.0 / fanIn)
                : Math.Sqrt(6.0 / (fanIn + spec.Units));
            Span<float> w = Weights(l);
            for (int i = 0; i < w.Length; i++) w[i] = (float)((2 * random.NextDouble() - 1) * limit);
            Bias(l).Clear();
        }
    }

    private int Layer(int layer) =>
        (uint)layer < (uint)_layout.Specs.Length ? layer
            : throw new ArgumentOutOfRangeException(nameof(layer), layer,
                $"layer {layer} does not exist: the network has {_layout.Specs.Length} layer{(_layout.Specs.Length == 1 ? "" : "s")}, 0 to {_layout.Specs.Length - 1}");

    private static void Validate(int inputs, IReadOnlyList<LayerSpec> layers, Loss loss, int maxBatch)
    {
        if (inputs < 1) throw new FastNetException($"a network needs at least one input, not {inputs}");
        if (layers.Count == 0) throw new FastNetException("a network needs at least one layer");
        if (maxBatch < 1) throw new FastNetException($"the maximum batch must be at least 1, not {maxBatch}");
        if (!Enum.IsDefined(loss)) throw new FastNetException($"unknown loss {loss}");
        ModelLimits.Check(inputs, layers);
        for (int l = 0; l < layers.Count; l++)
        {
            LayerSpec spec = layers[l];
            if (spec.Units < 1) throw new FastNetException($"layer {l} needs at least one unit, not {spec.Units}");
            if (!Enum.IsDefined(spec.Activation)) throw new FastNetException($"layer {l} has an unknown activation {spec.Activation}");
            if (spec.Activation == Activation.Softmax && l != layers.Count - 1)
                throw new FastNetException($"layer {l}: softmax is only valid as the output layer");
            if (!(spec.Dropout >= 0f && spec.Dropout < 1f))
                throw new FastNetException($"layer {l}: the dropout rate must be in [0, 1), not {spec.Dropout}");
            if (spec.Dropout > 0f && l == layers.Count - 1)
                throw new FastNetException($"layer {l}: dropout goes on hidden layers, not on the output layer");
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
