using System.Diagnostics;
using FastNet.Data;
using FastNet.Serialization;

namespace FastNet.Training;

/// <summary>
/// Trains one network on one dataset. Everything an epoch needs (targets, permutation) is prepared here once, so
/// <see cref="RunEpoch"/> allocates nothing.
/// </summary>
public sealed class Trainer
{
    private readonly Network _network;
    private readonly Dataset _data;
    private readonly TrainingOptions _options;
    private readonly float[] _targets;
    private readonly int[] _order;
    private readonly int _batch;
    private SeededRandom _random;
    private int _step;

    /// <summary>Prepares to train <paramref name="network"/> on <paramref name="data"/>.</summary>
    /// <exception cref="FastNetException">The data does not fit the network, or the options are invalid.</exception>
    public Trainer(Network network, Dataset data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Epochs < 0) throw new FastNetException($"the number of epochs must not be negative, not {options.Epochs}");
        if (options.BatchSize < 0) throw new FastNetException($"the batch size must be positive (or 0 for the full batch), not {options.BatchSize}");
        Optimizer.Validate(options.Optimizer);
        network.CheckDataset(data);
        _batch = options.BatchSize == 0 ? data.Count : Math.Min(options.BatchSize, data.Count);
        if (_batch > network.MaxBatch)
            throw new FastNetException(
                $"a batch of {_batch} samples is larger than the network's plan ({network.MaxBatch}); build it with a maximum batch of at least {_batch}");
        _network = network;
        _data = data;
        _options = options;
        _targets = data.TargetMatrix(network.Outputs, network.Loss);
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _random = new SeededRandom(options.Seed);
    }

    /// <summary>
    /// Makes a trainer that continues the run saved in <paramref name="checkpoint"/> on its network: the epochs, steps,
    /// shuffling state and optimizer state go on from where they stopped. Give the same data and options as the run
    /// that wrote the checkpoint, and <see cref="Run"/> finishes it with the weights an uninterrupted run would have.
    /// </summary>
    /// <exception cref="FastNetException">The data does not fit the network, or the options are invalid.</exception>
    public static Trainer Resume(TrainingCheckpoint checkpoint, Dataset data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var trainer = new Trainer(checkpoint.Network, data, options);
        trainer.Epoch = checkpoint.Epoch;
        trainer._step = checkpoint.Step;
        trainer._random.State = checkpoint.RandomState;
        return trainer;
    }

    /// <summary>
    /// Writes a checkpoint of this run (see <see cref="TrainingCheckpoint"/>) to <paramref name="path"/> atomically;
    /// <paramref name="command"/> is kept with it for the application that will resume it.
    /// </summary>
    public void SaveCheckpoint(string path, IReadOnlyList<string>? command = null) =>
        CheckpointFile.Save(path, _network, Epoch, _step, _random.State, command ?? []);

    /// <summary>The number of epochs run so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>Runs one epoch (forward, loss, backward, update per batch) and returns its loss. Allocates nothing.</summary>
    public double RunEpoch()
    {
        Network net = _network;
        int count = _data.Count, inputs = net.Inputs, outputs = net.Outputs;
        float lr = _options.Optimizer.LearningRate;
        double loss = 0;
        if (_batch == count)
        {
            loss = net.TrainStep(_data.Features, _targets, count, _options.Optimizer, lr, ++_step);
        }
        else
        {
            bool shuffle = _options.Shuffle;
            if (shuffle) _random.Shuffle(_order);
            Span<float> x = net.BatchInputs, t = net.BatchTargets;
            for (int start = 0; start < count; start += _batch)
            {
                int batch = Math.Min(_batch, count - start);
                ReadOnlySpan<float> bx, bt;
                if (shuffle)
                {
                    for (int i = 0; i < batch; i++)
                    {
                        int row = _order[start + i];
                        _data.Features.Slice(row * inputs, inputs).CopyTo(x.Slice(i * inputs, inputs));
                        _targets.AsSpan(row * outputs, outputs).CopyTo(t.Slice(i * outputs, outputs));
                    }
                    bx = x.Slice(0, batch * inputs);
                    bt = t.Slice(0, batch * outputs);
                }
                else
                {
                    bx = _data.Features.Slice(start * inputs, batch * inputs);
                    bt = _targets.AsSpan(start * outputs, batch * outputs);
                }
                float batchLoss = net.TrainStep(bx, bt, batch, _options.Optimizer, lr, ++_step);
                loss += Network.LossIsSum(net.Loss) ? batchLoss : (double)batchLoss * batch / count;
            }
        }
        Epoch++;
        return loss;
    }

    /// <summary>
    /// Runs epochs until <see cref="Epoch"/> reaches the configured number (all of them for a new trainer, the rest for
    /// a resumed one), reporting each to <paramref name="progress"/> (if any), and stops early at the end of an epoch
    /// once <paramref name="cancellationToken"/> is cancelled (then <see cref="TrainingHistory.Cancelled"/> is true).
    /// </summary>
    public TrainingHistory Run(Action<EpochRecord>? progress = null, CancellationToken cancellationToken = default)
    {
        var history = new TrainingHistory(Math.Max(0, _options.Epochs - Epoch));
        long started = Stopwatch.GetTimestamp();
        while (Epoch < _options.Epochs)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                history.Cancelled = true;
                break;
            }
            var record = new EpochRecord(Epoch + 1, RunEpoch());
            history.Add(record);
            progress?.Invoke(record);
        }
        history.Elapsed = Stopwatch.GetElapsedTime(started);
        return history;
    }
}
