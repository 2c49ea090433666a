using FastNet.Data;
using FastNet.Serialization;
using Google.Protobuf;
using Onnx;

namespace FastNet.Onnx;

/// <summary>
/// Writes a FastNet network as an ONNX model (opset 17, float32, symbolic batch dimension): the network's
/// standardisation, if it has one, as <c>Div(Sub(input, mean), std)</c>, then per dense layer <c>MatMul(x, W)</c>, <c>Add(·, b)</c> when the layer has a
/// bias, and the activation (<c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>Identity</c>, <c>Softmax</c> with axis −1).
/// Weights are stored as raw little-endian floats, so they round-trip bit-exactly.
/// </summary>
public static class OnnxExport
{
    /// <summary>Writes <paramref name="network"/> (with its standardisation, if any) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="FastNetException">The file cannot be written.</exception>
    public static void Save(Network network, string path)
    {
        ModelProto model = ToModel(network);
        AtomicFile.Write(path, stream => model.WriteTo(stream));
    }

    /// <summary>Writes <paramref name="network"/> (with its standardisation, if any) as ONNX to <paramref name="stream"/> (which stays open).</summary>
    public static void Save(Network network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ToModel(network).WriteTo(stream);
    }

    /// <summary>The ONNX bytes of <paramref name="network"/> (with its standardisation, if any), e.g. for an ONNX Runtime session.</summary>
    public static byte[] ToBytes(Network network) => ToModel(network).ToByteArray();

    /// <summary>Builds the typed ONNX model of <paramref name="network"/> (with its standardisation, if any).</summary>
    internal static ModelProto ToModel(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Standardization? standardization = network.Standardization;

        var graph = new GraphProto { Name = "fastnet" };
        graph.Input.Add(TensorValue(OnnxNames.Input, network.Inputs));
        graph.Output.Add(TensorValue(OnnxNames.Output, network.Outputs));

        string x = OnnxNames.Input;
        if (standardization is not null)
        {
            graph.Initializer.Add(Tensor("mean", standardization.Mean, [network.Inputs]));
            graph.Initializer.Add(Tensor("std", standardization.Std, [network.Inputs]));
            x = AddNode(graph, "Sub", "standardize_sub", [x, "mean"], "centred");
            x = AddNode(graph, "Div", "standardize_div", [x, "std"], "standardized");
        }

        int fanIn = network.Inputs;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            LayerSpec spec = network.Layers[l];
            bool last = l == network.Layers.Count - 1;
            string w = $"layer{l}.weight", b = $"layer{l}.bias";
            graph.Initializer.Add(Tensor(w, network.Weights(l), [fanIn, spec.Units]));
            x = AddNode(graph, "MatMul", $"layer{l}_matmul", [x, w], $"layer{l}.xw");
            if (spec.Bias)
            {
                graph.Initializer.Add(Tensor(b, network.Bias(l), [spec.Units]));
                x = AddNode(graph, "Add", $"layer{l}_add", [x, b], $"layer{l}.z");
            }
            NodeProto activation = Node(OpType(spec.Activation), $"layer{l}_{ModelFile.Name(spec.Activation)}", [x],
                last ? OnnxNames.Output : $"layer{l}.a");
            if (spec.Activation == Activation.Softmax)
                activation.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
            graph.Node.Add(activation);
            x = activation.Output[0];
            fanIn = spec.Units;
        }

        var model = new ModelProto
        {
            IrVersion = OnnxNames.IrVersion,
            ProducerName = OnnxNames.Producer,
            ProducerVersion = typeof(Network).Assembly.GetName().Version?.ToString(3) ?? "",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxNames.Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = OnnxNames.LossMetadata, Value = ModelFile.Name(network.Loss) });
        return model;
    }

    /// <summary>The ONNX operator of an activation.</summary>
    public static string OpType(Activation activation) => activation switch
    {
        Activation.Identity => "Identity",
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.Relu => "Relu",
        Activation.Softmax => "Softmax",
        _ => throw new FastNetException($"activation {activation} has no ONNX operator"),
    };

    private static string AddNode(GraphProto graph, string op, string name, string[] inputs, string output)
    {
        graph.Node.Add(Node(op, name, inputs, output));
        return output;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Tensor(string name, ReadOnlySpan<float> values, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        byte[] raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        tensor.RawData = ByteString.CopyFrom(raw);
        return tensor;
    }

    private static ValueInfoProto TensorValue(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = OnnxNames.BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
