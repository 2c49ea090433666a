using FastNet.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace FastNet.Tests.Properties;

/// <summary>
/// A random network and batch for the property suite: 1–4 dense layers of 1–33 units (sizes that are not multiples of
/// any vector width included), 1–33 inputs, a batch of 1–67, bias on or off per layer, hidden activations identity,
/// sigmoid, tanh or relu, and an output activation and loss that fit each other (softmax only with ce, ce only with
/// softmax, bce only with sigmoid, sse and mse with identity, sigmoid, tanh or relu). The weights (the builder's seeded
/// initialisation, plus random biases) and the data follow from <see cref="Seed"/>, so the printed case replays exactly.
/// </summary>
public sealed record NetworkCase(int Inputs, LayerSpec[] Layers, Loss Loss, int Batch, ulong Seed)
{
    private static readonly Activation[] Hidden = [Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.Relu];

    /// <summary>The generator; no shrinking (the data follow from the seed, which does not shrink meaningfully).</summary>
    public static Gen<NetworkCase> Generator { get; } =
        from loss in Gen.Elements(Loss.Sse, Loss.Mse, Loss.Bce, Loss.CrossEntropy)
        from output in loss switch
        {
            Loss.CrossEntropy => Gen.Constant(Activation.Softmax),
            Loss.Bce => Gen.Constant(Activation.Sigmoid),
            _ => Gen.Elements(Hidden),
        }
        from hidden in Gen.Choose(0, 3)
        from activations in Gen.ArrayOf(Gen.Elements(Hidden), hidden)
        from widths in Gen.ArrayOf(Gen.Choose(1, 33), hidden + 1)
        from biases in Gen.ArrayOf(Gen.Elements(true, false), hidden + 1)
        from inputs in Gen.Choose(1, 33)
        from batch in Gen.Choose(1, 67)
        from seed in Gen.Choose(0, int.MaxValue)
        select new NetworkCase(inputs, Specs(activations, output, widths, biases), loss, batch, (ulong)seed);

    /// <summary>The network, planned for exactly <see cref="Batch"/> samples, with random biases in [−0.5, 0.5].</summary>
    public Network Build()
    {
        var builder = new NetworkBuilder(Inputs).WithLoss(Loss).WithSeed(Seed).WithMaxBatch(Batch);
        foreach (LayerSpec layer in Layers) builder.Add(layer);
        Network network = builder.Build();
        var random = new SeededRandom(Seed ^ 0x5EED_B1A5UL);
        for (int l = 0; l < Layers.Length; l++)
            foreach (ref float b in network.Bias(l)) b = (float)(random.NextDouble() - 0.5);
        return network;
    }

    /// <summary>
    /// Inputs in [−1.5, 1.5] and targets the loss accepts: one-hot rows for ce, probabilities in [0, 1] for bce and for a
    /// sigmoid output, values in [−1, 1] otherwise.
    /// </summary>
    public (float[] X, float[] T) Data()
    {
        var random = new SeededRandom(Seed ^ 0xDA7A_0000UL);
        int outputs = Layers[^1].Units;
        var x = new float[Batch * Inputs];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(3 * random.NextDouble() - 1.5);
        var t = new float[Batch * outputs];
        for (int n = 0; n < Batch; n++)
        {
            if (Loss == Loss.CrossEntropy)
            {
                t[n * outputs + random.NextInt(outputs)] = 1;
                continue;
            }
            bool probability = Loss == Loss.Bce || Layers[^1].Activation == Activation.Sigmoid;
            for (int k = 0; k < outputs; k++)
                t[n * outputs + k] = (float)(probability ? random.NextDouble() : 2 * random.NextDouble() - 1);
        }
        return (x, t);
    }

    public override string ToString()
    {
        var layers = new List<string>();
        foreach (LayerSpec layer in Layers)
            layers.Add($"{layer.Units}:{ModelFile.Name(layer.Activation)}{(layer.Bias ? "" : " (no bias)")}");
        return $"inputs {Inputs}, layers [{string.Join(", ", layers)}], loss {ModelFile.Name(Loss)}, batch {Batch}, seed {Seed}";
    }

    private static LayerSpec[] Specs(Activation[] hidden, Activation output, int[] widths, bool[] biases)
    {
        var specs = new LayerSpec[widths.Length];
        for (int l = 0; l < widths.Length; l++)
        {
            bool last = l == widths.Length - 1;
            int units = last && output == Activation.Softmax ? Math.Max(2, widths[l]) : widths[l];
            specs[l] = new LayerSpec(units, last ? output : hidden[l], biases[l]);
        }
        return specs;
    }
}
