using FastNet.Memory;

namespace FastNet.Model;

/// <summary>
/// Where every parameter lives in the flat parameter vector: layer 0's W (inputs×units, row-major) then b (units),
/// layer 1's W then b, and so on. Gradients and the optimizer's moments use the same layout. The one place parameters
/// are counted.
/// </summary>
internal sealed class ParameterLayout
{
    public ParameterLayout(int inputs, IReadOnlyList<LayerSpec> layers)
    {
        Inputs = inputs;
        Specs = [.. layers];
        FanIn = new int[Specs.Length];
        Weights = new Slice[Specs.Length];
        Bias = new Slice[Specs.Length];
        long offset = 0;
        int fanIn = inputs;
        for (int l = 0; l < Specs.Length; l++)
        {
            LayerSpec spec = Specs[l];
            long weights = (long)fanIn * spec.Units, bias = spec.Bias ? spec.Units : 0;
            if (offset + weights + bias > WorkspacePlan.MaxFloats)
                throw new FastNetException($"the network has more than {WorkspacePlan.MaxFloats} parameters, more than FastNet can hold");
            FanIn[l] = fanIn;
            Weights[l] = new Slice((int)offset, (int)weights);
            Bias[l] = new Slice((int)(offset + weights), (int)bias);
            offset += weights + bias;
            fanIn = spec.Units;
        }
        Count = (int)offset;
    }

    /// <summary>The number of input features.</summary>
    public int Inputs { get; }

    /// <summary>The number of outputs (units of the last layer).</summary>
    public int Outputs => Specs[^1].Units;

    /// <summary>The layers, first to last.</summary>
    public LayerSpec[] Specs { get; }

    /// <summary>The inputs of each layer (the units of the one below, or the network's inputs).</summary>
    public int[] FanIn { get; }

    /// <summary>W of each layer in the parameter vector.</summary>
    public Slice[] Weights { get; }

    /// <summary>b of each layer in the parameter vector (empty without bias).</summary>
    public Slice[] Bias { get; }

    /// <summary>The number of parameters (all weights and biases).</summary>
    public int Count { get; }
}
