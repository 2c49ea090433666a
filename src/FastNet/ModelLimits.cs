namespace FastNet;

/// <summary>
/// The one set of size limits for every network FastNet builds, trains, saves and loads: a network within them is
/// refused nowhere, so whatever trains can be saved and read back (model files stay under the 2 GiB a reader takes,
/// checkpoints with their optimizer state too). They are checked when a network is built, before any training.
/// </summary>
public static class ModelLimits
{
    /// <summary>The most layers a network may have.</summary>
    public const int MaxLayers = 1024;

    /// <summary>The most inputs a network, or units a layer, may have (2^20).</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>
    /// The most parameters (weights and biases) a network may have (2^25, about 33.5 million): a model file holds at most
    /// about 16 bytes per parameter and a checkpoint about 43, so both stay under the 2 GiB a reader takes.
    /// </summary>
    public const int MaxParameters = 1 << 25;

    /// <summary>Checks <paramref name="inputs"/> and <paramref name="layers"/> against the limits.</summary>
    /// <exception cref="FastNetException">A limit is exceeded; the message says which and by how much.</exception>
    internal static void Check(int inputs, IReadOnlyList<LayerSpec> layers)
    {
        if (layers.Count > MaxLayers) throw new FastNetException($"the network has {layers.Count} layers, more than {MaxLayers}");
        if (inputs > MaxWidth) throw new FastNetException($"the network takes {inputs} inputs, more than {MaxWidth}");
        long parameters = 0;
        int fanIn = inputs;
        for (int l = 0; l < layers.Count; l++)
        {
            LayerSpec spec = layers[l];
            if (spec.Units > MaxWidth) throw new FastNetException($"layer {l} has {spec.Units} units, more than {MaxWidth}");
            parameters += (long)fanIn * spec.Units + (spec.Bias ? spec.Units : 0);
            fanIn = spec.Units;
        }
        if (parameters > MaxParameters)
            throw new FastNetException($"the network has {parameters} parameters, more than {MaxParameters} (a file FastNet could not read back)");
    }
}
