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

    /// <summary>Starts a network that takes <paramref name="inputs"/> features per sample.</summary>
    public NetworkBuilder(int inputs) => _inputs = inputs;

    /// <summary>Appends a dense layer of <paramref name="units"/> outputs.</summary>
    public NetworkBuilder Dense(int units, Activation activation, bool bias = true) => Add(new LayerSpec(units, activation, bias));

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
    public NetworkBuilder WithSeed(ulong seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Sets the largest batch the memory plan holds (default 256); training batches must not exceed it.</summary>
    public NetworkBuilder WithMaxBatch(int maxBatch)
    {
        _maxBatch = maxBatch;
        return this;
    }

    /// <summary>Plans the workspace, allocates it once, and initialises the weights.</summary>
    /// <exception cref="FastNetException">The description is invalid (no layers, softmax not last, a loss that does not fit the output, ...).</exception>
    public Network Build()
    {
        var network = new Network(_inputs, _layers, _loss, _maxBatch);
        network.InitializeWeights(_seed);
        return network;
    }
}
