using System.Diagnostics;
using FastNet.Data;

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
    /// Runs the configured number of epochs, reporting each to <paramref name="progress"/> (if any), and stops early at
    /// the end of an epoch once <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public TrainingHistory Run(Action<EpochRecord>? progress = null, CancellationToken cancellationToken = default)
    {
        var history = new TrainingHistory(_options.Epochs);
        long started = Stopwatch.GetTimestamp();
        for (int e = 0; e < _options.Epochs; e++)
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
