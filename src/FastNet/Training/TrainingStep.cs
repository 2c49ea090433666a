using FastNet.Memory;
using FastNet.Model;

namespace FastNet.Training;

/// <summary>
/// One training step of a network, open at every stage, for custom loops and custom losses: <see cref="Forward"/> a
/// batch, then either the built-in <see cref="Loss"/> and <see cref="Backward(bool)"/>, or your own loss and
/// <see cref="Backward(ReadOnlySpan{float}, bool)"/> with ∂L/∂output; read <see cref="Gradients"/> (and
/// <see cref="InputGradient"/>), then <see cref="Update"/> applies the optimizer. <see cref="Run"/> does all four at
/// once, on the fastest path the network's shape has. The step owns the training memory (activations, deltas and
/// gradients for up to <see cref="MaxBatch"/> rows, the optimizer's moments); the network holds only its parameters.
/// Inputs go in as the first layer sees them: standardise raw features first if the network has a
/// <see cref="Network.Standardization"/>. Allocates nothing after construction.
/// <code>
/// var step = new TrainingStep(network, maxBatch: 32, new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f });
/// ReadOnlySpan&lt;float&gt; y = step.Forward(x);       // batch×outputs
/// float loss = step.Loss(t);                          // or: step.Backward(myLossGradient)
/// step.Backward();
/// step.Update(0.01f);
/// </code>
/// </summary>
public sealed class TrainingStep
{
    private readonly ModelPlan _plan;
    private readonly IGradientPath _path;
    private readonly Workspace _ws;
    private readonly float[] _moments;
    private int _batch;            // rows of the last forward pass (0 before the first)
    private bool _lossGradient;    // the built-in loss has set dz_out for the last forward pass
    private bool _inputGradient;   // the last backward pass computed ∂L/∂x

    /// <summary>Plans the training memory of <paramref name="network"/> for batches of up to <paramref name="maxBatch"/> rows, and the state of <paramref name="optimizer"/>.</summary>
    /// <exception cref="FastNetException">The batch is not positive or the optimizer options are invalid.</exception>
    public TrainingStep(Network network, int maxBatch, OptimizerOptions optimizer)
        : this(network, maxBatch, optimizer, inputRows: true, inputGradient: true)
    {
    }

    /// <summary>A step that plans rows for a batch's inputs (Forward, the trainer's gathering) and ∂L/∂x only when asked.</summary>
    internal TrainingStep(Network network, int maxBatch, OptimizerOptions optimizer, bool inputRows, bool inputGradient)
    {
        ArgumentNullException.ThrowIfNull(network);
        Optimizer.Validate(optimizer);
        Network = network;
        OptimizerOptions = optimizer;
        _plan = new ModelPlan(network.Layout, network.Loss, maxBatch, network.MaxDegreeOfParallelism, training: true, inputRows, inputGradient);
        _path = _plan.Path!;
        _ws = _plan.Allocate();
        _moments = new float[(long)Training.Optimizer.StateVectors(optimizer.Kind) * network.ParameterCount];
        ResetOptimizer(optimizer.LearningRate);
    }

    /// <summary>The network whose parameters this step trains.</summary>
    public Network Network { get; }

    /// <summary>The optimizer <see cref="Update"/> applies.</summary>
    public OptimizerOptions OptimizerOptions { get; }

    /// <summary>The largest batch a step takes.</summary>
    public int MaxBatch => _plan.Batch;

    /// <summary>How many updates have been applied (Adam's bias correction counts them); set it to resume a run.</summary>
    public int Steps { get; set; }

    /// <summary>The bytes of memory the step holds: activations, deltas, gradients, scratch and optimizer moments.</summary>
    public long WorkspaceBytes => (_ws.Length + _moments.Length) * sizeof(float);

    /// <summary>
    /// Runs the network on <paramref name="x"/> (batch×inputs, 1 ≤ batch ≤ <see cref="MaxBatch"/>) and returns its
    /// outputs (batch×outputs), valid until the next call of this step.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> x)
    {
        int batch = Rows(x);
        if (_plan.Input(_ws).IsEmpty) throw new InvalidOperationException("this step was planned without input rows; use Run");
        Span<float> input = _plan.Input(_ws).Slice(0, x.Length);
        x.CopyTo(input);   // kept for Backward: dW of the first layer = xᵀ·dz
        Network.Enter();
        try
        {
            _plan.Forward(Network.Parameters, _ws, input, batch);
        }
        finally
        {
            Network.Exit();
        }
        _batch = batch;
        _lossGradient = false;
        return _plan.Output(_ws, batch);
    }

    /// <summary>
    /// The network's own loss of the last <see cref="Forward"/> against <paramref name="targets"/> (batch×outputs; one-hot
    /// rows for ce), summed or averaged as the loss defines; sets ∂L/∂output for <see cref="Backward(bool)"/>.
    /// </summary>
    public float Loss(ReadOnlySpan<float> targets)
    {
        CheckForward();
        CheckLength(targets, _batch * Network.Outputs, "target");
        float loss = _plan.LossGradient(_ws, targets, _batch);
        _lossGradient = true;
        return loss;
    }

    /// <summary>Backpropagates the built-in <see cref="Loss"/>: fills <see cref="Gradients"/>, and <see cref="InputGradient"/> when <paramref name="inputGradient"/>.</summary>
    public void Backward(bool inputGradient = false)
    {
        CheckForward();
        if (!_lossGradient) throw new InvalidOperationException("call Loss(targets) after Forward before Backward(), or pass your own ∂L/∂output");
        RunBackward(inputGradient);
    }

    /// <summary>
    /// Backpropagates a loss of your own: <paramref name="outputGradient"/> is ∂L/∂output (batch×outputs) for the last
    /// <see cref="Forward"/>'s outputs. Fills <see cref="Gradients"/>, and <see cref="InputGradient"/> when <paramref name="inputGradient"/>.
    /// </summary>
    public void Backward(ReadOnlySpan<float> outputGradient, bool inputGradient = false)
    {
        CheckForward();
        CheckLength(outputGradient, _batch * Network.Outputs, "output gradient");
        _plan.SetOutputGradient(_ws, outputGradient, _batch);
        _lossGradient = false;
        RunBackward(inputGradient);
    }

    /// <summary>∂L/∂θ of the last backward pass (or <see cref="Run"/>), in the layout of <see cref="Network.Parameters"/>.</summary>
    public ReadOnlySpan<float> Gradients => _plan.Gradients(_ws);

    /// <summary>∂L/∂x (batch×inputs) of the last backward pass that asked for it; empty otherwise.</summary>
    public ReadOnlySpan<float> InputGradient => _inputGradient ? _plan.InputGradient(_ws, _batch) : default;

    /// <summary>Applies the optimizer to the network's parameters with the current <see cref="Gradients"/> at <paramref name="learningRate"/>, and counts the step.</summary>
    public void Update(float learningRate)
    {
        Network.Enter();
        try
        {
            Training.Optimizer.Step(OptimizerOptions, learningRate, Network.Parameters, _plan.Gradients(_ws), _moments, ++Steps);
        }
        finally
        {
            Network.Exit();
        }
    }

    // ---- the training step: forward, loss, backward, update ----------------------------------------------------------

    /// <summary>
    /// One whole step on x (batch×inputs) against t (batch×outputs): forward, built-in loss, backward (on the network's
    /// fast path where it has one) and update at <paramref name="learningRate"/>. Returns the batch loss; the outputs
    /// and gradients stay readable until the next call.
    /// </summary>
    public float Run(ReadOnlySpan<float> x, ReadOnlySpan<float> t, float learningRate)
    {
        float loss = ComputeGradients(x, t, inputGradient: false);
        Update(learningRate);
        return loss;
    }

    /// <summary>Forward, loss and backward on the path the plan chose; leaves ∂L/∂θ in <see cref="Gradients"/> (and ∂L/∂x).</summary>
    internal float ComputeGradients(ReadOnlySpan<float> x, ReadOnlySpan<float> t, bool inputGradient)
    {
        int batch = Rows(x);
        CheckLength(t, batch * Network.Outputs, "target");
        if (inputGradient && !_plan.HasInputGradient) throw new InvalidOperationException("this step was planned without the input gradient");
        Network.Enter();
        try
        {
            float loss = _path.Compute(Network.Parameters, _ws, x, t, batch, inputGradient);
            _batch = batch;
            _lossGradient = false;
            _inputGradient = inputGradient;
            return loss;
        }
        finally
        {
            Network.Exit();
        }
    }

    /// <summary>Puts the optimizer's moments back to the start of a run (Δ0 = <paramref name="learningRate"/> for iRPROP−) and the step count to 0.</summary>
    public void ResetOptimizer(float learningRate)
    {
        Training.Optimizer.Reset(OptimizerOptions, _moments, learningRate);
        Steps = 0;
    }

    /// <summary>Rows (MaxBatch×inputs and MaxBatch×outputs) the trainer gathers a shuffled batch into.</summary>
    internal Span<float> BatchInputs => _plan.Input(_ws);
    internal Span<float> BatchTargets => _plan.Targets(_ws);

    /// <summary>The optimizer's moments (StateVectors·parameters), for checkpoints.</summary>
    internal Span<float> Moments => _moments;

    /// <summary>How many of the last batch's rows are predicted as their label (see <see cref="ModelPlan.CountCorrect"/>).</summary>
    internal int CountCorrect(ReadOnlySpan<int> labels, ReadOnlySpan<int> order, int start, int batch) =>
        _plan.CountCorrect(_ws, labels, order, start, batch);

    private void RunBackward(bool inputGradient)
    {
        if (_plan.Input(_ws).IsEmpty) throw new InvalidOperationException("this step was planned without input rows; Backward needs Forward's x");
        Network.Enter();
        try
        {
            _plan.Backward(Network.Parameters, _ws, _plan.Input(_ws).Slice(0, _batch * Network.Inputs), _batch, inputGradient);
        }
        finally
        {
            Network.Exit();
        }
        _inputGradient = inputGradient;
    }

    private int Rows(ReadOnlySpan<float> x)
    {
        int inputs = Network.Inputs;
        if (x.Length % inputs != 0 || x.Length == 0 || x.Length / inputs > MaxBatch)
            throw new ArgumentException($"x holds {x.Length} values, not 1 to {MaxBatch} rows of {inputs} features", nameof(x));
        return x.Length / inputs;
    }

    private void CheckForward()
    {
        if (_batch == 0) throw new InvalidOperationException("call Forward(x) first");
    }

    private static void CheckLength(ReadOnlySpan<float> values, int expected, string what)
    {
        if (values.Length != expected) throw new ArgumentException($"the {what} holds {values.Length} values, not {expected}");
    }
}
