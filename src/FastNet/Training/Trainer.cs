using System.Diagnostics;
using System.Globalization;
using FastNet.Data;
using FastNet.Kernels;
using FastNet.Model;
using FastNet.Serialization;

namespace FastNet.Training;

/// <summary>
/// Trains one network on one dataset. Everything an epoch needs is prepared here once, so <see cref="RunEpoch"/>
/// allocates nothing: the standardised and split data, targets, the permutation, and the trainer's own memory — a
/// <see cref="TrainingStep"/> planned for the batch size (activations, deltas, gradients, the optimizer's moments) and
/// the last-good, previous-good and best copies of the parameters. The network itself holds only its parameters and
/// its inference plan, so any batch size trains, whatever the network's <see cref="Network.MaxBatch"/>.
/// </summary>
public sealed class Trainer
{
    /// <summary>How many times <see cref="DivergencePolicy.Halve"/> halves the learning rate before it gives up.</summary>
    public const int MaxHalvings = 20;

    private readonly Network _network;
    private readonly TrainingOptions _options;
    private readonly Dataset _data;   // as given, before any split or standardisation
    private readonly Dataset _train;
    private readonly float[] _targets;
    private readonly Dataset? _validation;
    private readonly float[]? _validationTargets;
    private readonly int[] _order;
    private readonly int _batch;
    private readonly TrainingStep _step;
    private readonly float[] _lastGood, _previousGood, _best;   // the divergence policy's fallbacks; early stopping's restore point
    private readonly float[]? _weights;         // each training sample's weight (its own × its class's), or null for none
    private readonly float[] _batchWeights;     // a shuffled batch's weights
    private readonly double _totalWeight;
    private readonly Lbfgs? _lbfgs;             // with OptimizerKind.Lbfgs: the iteration, its pairs and vectors, a gradient buffer
    private readonly float[] _lbfgsBlock = [], _lbfgsGradient = [];
    private SeededRandom _random;
    private float _rateScale = 1f;
    private double _bestLoss = double.PositiveInfinity;
    private int _badEpochs;
    private bool _started;

    /// <summary>
    /// Prepares to train <paramref name="network"/> on <paramref name="data"/>: holds out validation data and fits the
    /// standardisation (storing it in the network) when asked. The optimizer state is reset when the first epoch starts.
    /// </summary>
    /// <exception cref="FastNetException">The data does not fit the network, or the options are invalid.</exception>
    public Trainer(Network network, Dataset data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        network.CheckDataset(data);
        if (options.Validation is not null) network.CheckDataset(options.Validation);
        if (data.ClassNames is not null && network.ClassNames is null) network.ClassNames = data.ClassNames;

        Dataset train = data, validation = options.Validation!;
        if (options.ValidationFraction > 0) (train, validation) = data.Split(options.ValidationFraction, options.Seed);
        if (options.Standardize && network.Standardization is null) network.Standardization = Standardization.Fit(train);
        if (network.Standardization is { } z)
        {
            train = z.Apply(train);
            if (validation is not null) validation = z.Apply(validation);
        }

        _batch = options.BatchSize == 0 ? train.Count : Math.Min(options.BatchSize, train.Count);
        if (options.Optimizer.Kind == OptimizerKind.Rprop && _batch != train.Count)
            throw new FastNetException("rprop needs full batches (batch size 0): its steps follow the sign of the whole gradient");
        if (options.Optimizer.Kind == OptimizerKind.Lbfgs)
        {
            if (_batch != train.Count) throw new FastNetException("lbfgs needs full batches (batch size 0): its line search compares losses of the whole data");
            foreach (LayerSpec layer in network.Layers)
                if (layer.Dropout > 0f) throw new FastNetException("lbfgs cannot train with dropout: its line search needs the same loss at every evaluation");
            _lbfgs = new Lbfgs(network.ParameterCount, options.Optimizer.LbfgsHistory);
            _lbfgsBlock = new float[Lbfgs.Length(network.ParameterCount, options.Optimizer.LbfgsHistory)];
            _lbfgsGradient = new float[network.ParameterCount];
        }
        if (options.ClassWeights is not null && !train.HasLabels)
            throw new FastNetException("class weights need labelled data; these samples have regression targets");
        _network = network;
        _options = options;
        _train = train;
        _targets = train.TargetMatrix(network.Outputs, network.Loss);
        _validation = validation;
        _validationTargets = validation?.TargetMatrix(network.Outputs, network.Loss);
        _weights = SampleWeights(train, options.ClassWeights, network.ClassCount);
        _batchWeights = _weights is null ? [] : new float[_batch];
        if (_weights is not null) foreach (float v in _weights) _totalWeight += v;
        if (_weights is not null && _totalWeight == 0) throw new FastNetException("every training sample has weight 0 (sample weights times class weights)");
        _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _random = new SeededRandom(options.Seed);
        // rows to gather a shuffled mini-batch into only when there are such batches; the trainer never needs ∂L/∂x
        _step = new TrainingStep(network, _batch, options.Optimizer, inputRows: options.Shuffle && _batch < train.Count, inputGradient: false);
        _lastGood = new float[network.ParameterCount];
        _previousGood = new float[network.ParameterCount];
        _best = new float[options.Patience > 0 ? network.ParameterCount : 0];
        _data = data;
    }

    /// <summary>The network being trained.</summary>
    public Network Network => _network;

    /// <summary>The number of epochs completed so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>The learning rate the next epoch will use: the schedule's rate, halved once per divergence under <see cref="DivergencePolicy.Halve"/>.</summary>
    public float LearningRate => _options.Schedule.Rate(_options.Optimizer.LearningRate, Epoch) * _rateScale;

    /// <summary>The record of the last completed epoch (default before the first).</summary>
    public EpochRecord LastEpoch { get; private set; }

    /// <summary>Whether the validation loss has not improved for the patience (the run should stop).</summary>
    public bool StoppedEarly { get; private set; }

    /// <summary>The epoch with the lowest validation loss so far (0 without validation data or before the first epoch).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Whether training diverged beyond what the policy could repair; the network holds the last good parameters.</summary>
    public bool Diverged { get; private set; }

    /// <summary>How many times the learning rate was halved after a divergence.</summary>
    public int Halvings { get; private set; }

    /// <summary>Why the optimizer stopped by itself (<see cref="OptimizerKind.Lbfgs"/>'s convergence tests); None while it goes on.</summary>
    public ConvergenceReason Convergence { get; private set; }

    /// <summary>Which epoch diverged, what was kept and what to try; null while training is healthy.</summary>
    public string? DivergenceMessage { get; private set; }

    /// <summary>The bytes of memory the trainer holds besides the data: its training step and the copies of the parameters.</summary>
    public long WorkspaceBytes => _step.WorkspaceBytes
        + ((long)_lastGood.Length + _previousGood.Length + _best.Length + _lbfgsBlock.Length + _lbfgsGradient.Length) * sizeof(float);

    // ---- state a checkpoint saves and restores (with the network's parameters) -------------------------------------

    internal ulong RandomState { get => _random.State; set => _random.State = value; }
    internal int StepCount { get => _step.Steps; set => _step.Steps = value; }
    internal Span<float> OptimizerState => _step.Moments;
    internal Span<float> LastGoodParameters => _lastGood;
    internal Span<float> PreviousGoodParameters => _previousGood;
    internal Span<float> BestParameters => _best;
    internal float RateScale { get => _rateScale; set => _rateScale = value; }
    internal double BestLoss { get => _bestLoss; set => _bestLoss = value; }
    internal int BadEpochs { get => _badEpochs; set => _badEpochs = value; }
    internal string DataChecksum => DatasetChecksum.Compute(_data);
    internal void RestoreCounters(int epoch, int bestEpoch, int halvings)
    {
        Epoch = epoch;
        BestEpoch = bestEpoch;
        Halvings = halvings;
        _started = true;   // the optimizer state and the fallback copies come from the checkpoint, not from Start
    }

    /// <summary>
    /// Makes a trainer that continues the run saved in <paramref name="checkpoint"/> on its network: epochs, steps,
    /// shuffling, learning-rate and early-stopping state, the optimizer state and the fallback and best copies go on
    /// from where they stopped. Give the same data and options as the run that wrote the checkpoint, and
    /// <see cref="Run(Action{EpochRecord}?, CancellationToken)"/> finishes it with the weights an uninterrupted run would have, bit for bit.
    /// </summary>
    /// <exception cref="FastNetException">The data does not fit the network, or the options are invalid.</exception>
    public static Trainer Resume(TrainingCheckpoint checkpoint, Dataset data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var trainer = new Trainer(checkpoint.Network, data, options);
        if (checkpoint.State.DataChecksum is { } expected && expected != trainer.DataChecksum)
            throw data.Error("is not the data this checkpoint was trained on (its checksum differs); resume with the same data");
        checkpoint.RestoreInto(trainer);
        return trainer;
    }

    /// <summary>
    /// Writes a checkpoint of this run (see <see cref="TrainingCheckpoint"/>) to <paramref name="path"/> atomically;
    /// <paramref name="command"/> is kept with it for the application that will resume it, and the epochs of
    /// <paramref name="history"/> (the run's so far, ending at <see cref="Epoch"/>) come back as
    /// <see cref="TrainingCheckpoint.History"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="history"/> does not end at this trainer's epoch.</exception>
    public void SaveCheckpoint(string path, IReadOnlyList<string>? command = null, TrainingHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        PrepareCheckpoint(history);
        CheckpointFile.Save(path, this, command ?? [], history?.Epochs);
    }

    /// <summary>Writes a checkpoint of this run to <paramref name="stream"/> (which stays open); see <see cref="SaveCheckpoint(string, IReadOnlyList{string}?, TrainingHistory?)"/>.</summary>
    public void SaveCheckpoint(Stream stream, IReadOnlyList<string>? command = null, TrainingHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        PrepareCheckpoint(history);
        CheckpointFile.Save(stream, this, command ?? [], history?.Epochs);
    }

    private void PrepareCheckpoint(TrainingHistory? history)
    {
        if (_lbfgs is not null) throw new FastNetException("an lbfgs run cannot be checkpointed (its history of pairs is not saved); it converges in few iterations: run it again");
        if (history is { Epochs: { Count: > 0 } epochs } && epochs[^1].Epoch != Epoch)
            throw new ArgumentException($"the history ends at epoch {epochs[^1].Epoch}, not at this trainer's epoch {Epoch}", nameof(history));
        if (!_started) Start();   // a checkpoint before the first epoch holds the state that epoch would start from
    }

    /// <summary>
    /// Puts the weights of the epoch with the lowest validation loss (<see cref="BestEpoch"/>) back into the network, as
    /// <see cref="Run(Action{EpochRecord}?, CancellationToken)"/> does at the end of a run with early stopping: for a
    /// loop of your own around <see cref="RunEpoch"/>. Returns whether the weights changed (false before the first
    /// epoch, or when the last epoch is the best).
    /// </summary>
    /// <exception cref="InvalidOperationException">The options have no <see cref="TrainingOptions.Patience"/>, so no best weights were kept.</exception>
    public bool RestoreBestWeights()
    {
        if (_options.Patience == 0)
            throw new InvalidOperationException("the best weights are kept only with early stopping: set TrainingOptions.Patience (with validation data)");
        if (BestEpoch == 0 || BestEpoch == Epoch) return false;
        _network.Enter();
        try
        {
            _best.CopyTo(_network.Parameters);
        }
        finally
        {
            _network.Exit();
        }
        return true;
    }

    /// <summary>
    /// Runs one epoch (forward, loss, backward, update per batch), checks the loss and every parameter for NaN and
    /// infinity, measures the validation data and tracks the best epoch. Returns the training loss (NaN when the epoch
    /// diverged and the policy stopped; see <see cref="Diverged"/>). Allocates nothing unless it diverges.
    /// </summary>
    public double RunEpoch()
    {
        _network.Enter();
        try
        {
            BeginTraining();
            try
            {
                return RunEpochInUse();
            }
            finally
            {
                _network.Training = false;
            }
        }
        finally
        {
            _network.Exit();
        }
    }

    // one run or epoch at a time per network: the same thread may enter the network again (a progress callback may
    // predict or evaluate), but not start training it again
    private void BeginTraining()
    {
        if (_network.Training)
            throw new FastNetException("the network is already training (Train or Run was called again from inside a run, e.g. its progress callback)");
        _network.Training = true;
    }

    private double RunEpochInUse()
    {
        if (Diverged) throw new InvalidOperationException("training diverged; start a new trainer (with a smaller learning rate)");
        if (StoppedEarly)
            throw new InvalidOperationException($"early stopping ended this run at epoch {Epoch} (best epoch {BestEpoch}); " +
                "call RestoreBestWeights() for the best weights, or start a new trainer to train on");
        Network net = _network;
        if (!_started) Start();
        ulong randomState = _random.State;
        double loss;
        int correct;
        while (true)
        {
            loss = TrainPass(LearningRate, out correct);
            string? problem = Divergence(loss);
            if (problem is null) break;
            int kept = RestoreLastGood();
            if (_options.OnDivergence == DivergencePolicy.Stop || Halvings == MaxHalvings)
            {
                Diverge(problem, kept);
                return double.NaN;
            }
            Halvings++;
            _rateScale *= 0.5f;
            _random.State = randomState;
            _step.ResetOptimizer(LearningRate);
            _lbfgs?.Reset();
        }
        _lastGood.CopyTo(_previousGood);
        net.Parameters.CopyTo(_lastGood);

        float rate = LearningRate;
        Epoch++;
        var record = new EpochRecord(Epoch, loss)
        {
            Accuracy = _train.HasLabels ? (double)correct / _train.Count : null,
            LearningRate = rate,
        };
        if (_validation is not null)
        {
            double validationLoss = net.Measure(_validation.Features, _validationTargets, _validation.Labels, _validation.Count,
                standardize: false, confusion: null, out int validationCorrect, _validation.Weights);
            record = record with
            {
                ValidationLoss = validationLoss,
                ValidationAccuracy = _validation.HasLabels ? (double)validationCorrect / _validation.Count : null,
            };
            if (validationLoss < _bestLoss)
            {
                _bestLoss = validationLoss;
                BestEpoch = Epoch;
                _badEpochs = 0;
                if (_options.Patience > 0) net.Parameters.CopyTo(_best);
            }
            else if (_options.Patience > 0 && ++_badEpochs >= _options.Patience)
            {
                StoppedEarly = true;
            }
        }
        LastEpoch = record;
        return loss;
    }

    /// <summary>
    /// Runs epochs until <see cref="Epoch"/> reaches the configured number (all of them for a new trainer, the rest for a
    /// resumed one), reporting each to <paramref name="progress"/> (if any); stops early at the end of an epoch once
    /// <paramref name="cancellationToken"/> is cancelled (the weights stay those of the last epoch, ready for
    /// <see cref="SaveCheckpoint(string, IReadOnlyList{string}?, TrainingHistory?)"/>), when early stopping says so (then, with <see cref="TrainingOptions.RestoreBestWeights"/>,
    /// the network gets the best epoch's weights back), or when training diverges (then the network keeps the last good
    /// weights and the history says why). The network is busy for other threads until it returns.
    /// </summary>
    public TrainingHistory Run(Action<EpochRecord>? progress = null, CancellationToken cancellationToken = default)
    {
        _network.Enter();
        try
        {
            BeginTraining();
            try
            {
                return RunInUse(progress, cancellationToken);
            }
            finally
            {
                _network.Training = false;
            }
        }
        finally
        {
            _network.Exit();
        }
    }

    /// <summary>
    /// Runs the remaining epochs as <see cref="Run(Action{EpochRecord}?, CancellationToken)"/> does, reporting each
    /// completed epoch to <paramref name="progress"/> on the training thread (a <see cref="Progress{T}"/> posts it on to
    /// its synchronisation context).
    /// </summary>
    public TrainingHistory Run(IProgress<EpochRecord> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return Run(progress.Report, cancellationToken);
    }

    private TrainingHistory RunInUse(Action<EpochRecord>? progress, CancellationToken cancellationToken)
    {
        var history = new TrainingHistory(Math.Max(0, _options.Epochs - Epoch));
        long started = Stopwatch.GetTimestamp();
        while (Epoch < _options.Epochs && !Diverged && !StoppedEarly && Convergence == ConvergenceReason.None)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                history.Cancelled = true;
                break;
            }
            RunEpochInUse();
            if (Diverged) break;
            history.Add(LastEpoch);
            progress?.Invoke(LastEpoch);
        }
        history.Elapsed = Stopwatch.GetElapsedTime(started);
        if (!history.Cancelled && _options.Patience > 0 && _options.RestoreBestWeights) RestoreBestWeights();
        history.StoppedEarly = StoppedEarly;
        history.BestEpoch = BestEpoch;
        history.Diverged = Diverged;
        history.Convergence = Convergence;
        history.Halvings = Halvings;
        history.Message = DivergenceMessage;
        return history;
    }

    // Before the first epoch this trainer runs: a fresh run (no epoch or step done; a resumed one has them set) starts
    // the optimizer state from scratch, and the current parameters become the divergence policy's fallback.
    private void Start()
    {
        Network net = _network;
        if (Epoch == 0 && _step.Steps == 0) _step.ResetOptimizer(_options.Optimizer.LearningRate);
        net.Parameters.CopyTo(_lastGood);
        net.Parameters.CopyTo(_previousGood);
        _started = true;
    }

    // one pass over the training data at learning rate lr; returns the loss and counts correct predictions (before each update)
    private double TrainPass(float lr, out int correct)
    {
        Network net = _network;
        Dataset data = _train;
        int count = data.Count, inputs = net.Inputs, outputs = net.Outputs;
        ReadOnlySpan<int> labels = data.Labels;
        correct = 0;
        if (_lbfgs is not null) return LbfgsIteration(out correct);
        ReadOnlySpan<float> weights = _weights;
        if (_batch == count)
        {
            double full = _step.RunWith(data.Features, _targets, lr, weights, ref _random);
            if (!labels.IsEmpty) correct = CountCorrect(labels, 0, count, shuffled: false);
            return full;
        }
        double loss = 0;
        bool shuffle = _options.Shuffle;
        if (shuffle) _random.Shuffle(_order);
        Span<float> x = _step.BatchInputs, t = _step.BatchTargets;
        for (int start = 0; start < count; start += _batch)
        {
            int batch = Math.Min(_batch, count - start);
            ReadOnlySpan<float> bx, bt, bw;
            if (shuffle)
            {
                for (int i = 0; i < batch; i++)
                {
                    int row = _order[start + i];
                    data.Features.Slice(row * inputs, inputs).CopyTo(x.Slice(i * inputs, inputs));
                    _targets.AsSpan(row * outputs, outputs).CopyTo(t.Slice(i * outputs, outputs));
                    if (!weights.IsEmpty) _batchWeights[i] = weights[row];
                }
                bx = x.Slice(0, batch * inputs);
                bt = t.Slice(0, batch * outputs);
                bw = weights.IsEmpty ? default : _batchWeights.AsSpan(0, batch);
            }
            else
            {
                bx = data.Features.Slice(start * inputs, batch * inputs);
                bt = _targets.AsSpan(start * outputs, batch * outputs);
                bw = weights.IsEmpty ? default : weights.Slice(start, batch);
            }
            float batchLoss = _step.RunWith(bx, bt, lr, bw, ref _random);
            double share = batch / (double)count;   // a mean loss's batch counts by its samples, or by its weight
            if (!bw.IsEmpty)
            {
                share = 0;
                foreach (float v in bw) share += v;
                share /= _totalWeight;
            }
            loss += ModelPlan.LossIsSum(net.Loss) ? batchLoss : batchLoss * share;
            if (!labels.IsEmpty) correct += CountCorrect(labels, start, batch, shuffle);
        }
        return loss;
    }

    // each sample's weight: its own (1 without) times its class's; null when neither is given
    private static float[]? SampleWeights(Dataset train, ClassWeights? classWeights, int classes)
    {
        if (!train.HasWeights && classWeights is null) return null;
        var weights = new float[train.Count];
        if (train.HasWeights) train.Weights.CopyTo(weights);
        else weights.AsSpan().Fill(1f);
        if (classWeights is null) return weights;
        float[] perClass = classWeights.For(train.Labels, classes);
        ReadOnlySpan<int> labels = train.Labels;
        for (int i = 0; i < weights.Length; i++) weights[i] *= perClass[labels[i]];
        return weights;
    }

    // One L-BFGS iteration on the whole training set; the epoch's loss and accuracy are measured at the point it reached.
    private double LbfgsIteration(out int correct)
    {
        Network net = _network;
        OptimizerOptions o = _options.Optimizer;
        var objective = new FullBatchObjective(_step, _train, _targets, _weights, o.WeightDecay);
        Convergence = _lbfgs!.Iterate(ref objective, net.Parameters, _lbfgsGradient, _lbfgsBlock, o.LbfgsGradientTolerance, o.LbfgsLossTolerance);
        _step.Steps++;
        return net.Measure(_train.Features, _targets, _train.Labels, _train.Count, standardize: false, confusion: null, out correct, _weights);
    }

    /// <summary>The loss L(θ) + ½λ‖θ‖² on the whole training set and its gradient, for L-BFGS (θ is the network's parameters).</summary>
    private readonly struct FullBatchObjective(TrainingStep step, Dataset data, float[] targets, float[]? weights, float decay) : ILbfgsObjective
    {
        public double Evaluate(ReadOnlySpan<float> x, Span<float> g)
        {
            double loss = step.ComputeGradients(data.Features, targets, inputGradient: false, weights);
            step.Gradients.CopyTo(g);
            if (decay == 0) return loss;
            double squares = 0;
            for (int i = 0; i < x.Length; i++)
            {
                squares += (double)x[i] * x[i];
                g[i] += decay * x[i];
            }
            return loss + 0.5 * decay * squares;
        }
    }

    // predictions of the batch just run (still in the output layer) against the labels of its rows
    private int CountCorrect(ReadOnlySpan<int> labels, int start, int batch, bool shuffled) =>
        _step.CountCorrect(labels, shuffled ? _order : ReadOnlySpan<int>.Empty, start, batch);

    // Puts back the last finite parameters whose training loss is finite too (weights can be finite yet overflow the
    // loss); returns the epoch they are from (0 for the initial weights).
    private int RestoreLastGood()
    {
        Network net = _network;
        _lastGood.CopyTo(net.Parameters);
        double loss = net.Measure(_train.Features, _targets, ReadOnlySpan<int>.Empty, _train.Count, standardize: false, confusion: null, out _, _weights);
        if (double.IsFinite(loss) || Epoch == 0) return Epoch;
        _previousGood.CopyTo(net.Parameters);
        _previousGood.CopyTo(_lastGood);
        return Epoch - 1;
    }

    // The divergence rule, one for every policy: an epoch diverged when its loss is not finite, when a parameter is not,
    // or (for the run's last epoch, whose weights no later pass measures) when the updated weights' loss is not finite.
    // Returns what went wrong, or null for a healthy epoch.
    private string? Divergence(double loss)
    {
        if (!double.IsFinite(loss)) return $"the loss became {loss.ToString(CultureInfo.InvariantCulture)}";
        if (!FiniteCheck.AllFinite(_network.Parameters)) return "a parameter became NaN or infinite";
        if (Epoch + 1 < _options.Epochs) return null;
        double after = _network.Measure(_train.Features, _targets, ReadOnlySpan<int>.Empty, _train.Count, standardize: false, confusion: null, out _);
        return double.IsFinite(after) ? null : $"the loss of the updated weights became {after.ToString(CultureInfo.InvariantCulture)}";
    }

    private void Diverge(string what, int keptEpoch)
    {
        Diverged = true;
        int epoch = Epoch + 1;
        string kept = keptEpoch == 0 ? "the initial weights" : $"the weights of epoch {keptEpoch}";
        string halved = Halvings > 0 ? $" after {Halvings} halvings of the learning rate" : "";
        string rate = LearningRate.ToString("G4", CultureInfo.InvariantCulture);
        string advice = _options.OnDivergence == DivergencePolicy.Halve   // halving was tried, MaxHalvings times
            ? "Try a much smaller learning rate, standardised inputs or the adam optimizer."
            : "Try a smaller learning rate, standardised inputs, the adam optimizer, or halving the rate on divergence.";
        DivergenceMessage = $"training diverged at epoch {epoch}{halved}: {what} (learning rate {rate}); kept {kept}. {advice}";
    }
}
