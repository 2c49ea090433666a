namespace FastNet;

/// <summary>
/// Describes a network layer by layer and builds it with seeded initial weights:
/// <code>
/// Network net = new NetworkBuilder(inputs: 2)
///     .Dense(4, Activation.Sigmoid)
///     .Dense(1, Activation.Sigmoid)
///     .WithLoss(Loss.Sse)
///     .WithSeed(1)
///     .Build();
/// </code>
/// </summary>
public sealed class NetworkBuilder
{
    private readonly int _inputs;
    private readonly List<LayerSpec> _layers = [];
    private Loss _loss = Loss.Sse;
    private ulong _seed;
    private int _maxBatch = 256;
    private int _threads = 1;

    /// <summary>Starts a network that takes <paramref name="inputs"/> features per sample.</summary>
    public NetworkBuilder(int inputs) => _inputs = inputs;

    /// <summary>
    /// Appends a dense layer of <paramref name="units"/> outputs; <paramref name="dropout"/> is the fraction of them a
    /// training step zeroes (inverted dropout, hidden layers only; see <see cref="LayerSpec.Dropout"/>).
    /// </summary>
    public NetworkBuilder Dense(int units, Activation activation, bool bias = true, float dropout = 0f) =>
        Add(new LayerSpec(units, activation, bias, dropout));

    /// <summary>Appends a layer described by <paramref name="layer"/>.</summary>
    public NetworkBuilder Add(LayerSpec layer)
    {
        _layers.Add(layer);
        return this;
    }

    /// <summary>Sets the loss (default <see cref="Loss.Sse"/>).</summary>
    public NetworkBuilder WithLoss(Loss loss)
    {
        _loss = loss;
        return this;
    }

    /// <summary>Sets the seed of the initial weights (default 0); the same seed gives the same weights.</summary>
    public NetworkBuilder WithSeed(RandomSeed seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>
    /// Sets the largest batch the network's inference plan holds (default 256): longer inputs are predicted in chunks
    /// of this size. Training plans its own memory for its batch size (see <see cref="Training.Trainer"/>).
    /// </summary>
    public NetworkBuilder WithMaxBatch(int maxBatch)
    {
        _maxBatch = maxBatch;
        return this;
    }

    /// <summary>
    /// Sets the most threads one matrix product may use (default 1). Products big enough to gain (about two million
    /// multiply-adds and up, e.g. a 784-256 layer on a batch of 1024) are split by rows or columns of the output over a
    /// small process-wide pool of worker threads; smaller ones always run on the calling thread. Every output element
    /// is computed by one thread in a fixed order, so results are bit-identical for any setting. The workspace reserves
    /// packing scratch for this many threads.
    /// </summary>
    public NetworkBuilder WithThreads(int maxDegreeOfParallelism)
    {
        _threads = maxDegreeOfParallelism;
        return this;
    }

    /// <summary>Plans the workspace, allocates it once, and initialises the weights.</summary>
    /// <exception cref="FastNetException">The description is invalid (no layers, softmax not last, a loss that does not fit the output, ...).</exception>
    public Network Build()
    {
        var network = new Network(_inputs, _layers, _loss, _maxBatch, _threads);
        network.InitializeWeights(_seed);
        return network;
    }

    /// <summary>
    /// Plans the workspace, allocates it once, and gives the network <paramref name="parameters"/> instead of seeded
    /// weights: every layer's W (inputs×units, row-major) then its b, first layer to last — the layout of
    /// <see cref="Network.Parameters"/>. For importing trained weights from elsewhere.
    /// </summary>
    /// <exception cref="FastNetException">The description is invalid, or <paramref name="parameters"/> is not as long as the network's parameters.</exception>
    public Network Build(ReadOnlySpan<float> parameters)
    {
        var network = new Network(_inputs, _layers, _loss, _maxBatch, _threads);
        if (parameters.Length != network.ParameterCount)
            throw new FastNetException($"the network has {network.ParameterCount} parameters, but {parameters.Length} values were given");
        parameters.CopyTo(network.Parameters);
        return network;
    }
}
