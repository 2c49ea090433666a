using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FastNet.Data;
using FastNet.Serialization;
using Google.Protobuf;
using Onnx;

namespace FastNet.Onnx;

/// <summary>
/// Reads a multilayer perceptron from an ONNX file: one float input [batch, inputs], one output, and a chain of nodes
/// made of an optional standardisation (<c>Sub</c> then <c>Div</c> by constants), then per layer <c>MatMul</c> + optional
/// <c>Add</c> (or one <c>Gemm</c>) with constant weights, followed by <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>,
/// <c>Identity</c> or <c>Softmax</c> (last axis); a layer with no activation node is an identity layer. Constants must be
/// graph initializers of type float. Anything else is refused with a <see cref="FastNetFormatException"/> naming the node.
/// </summary>
public static class OnnxImport
{
    /// <summary>Loads <paramref name="path"/>; the network is planned for batches of up to <paramref name="maxBatch"/>.</summary>
    /// <param name="path">The ONNX file.</param>
    /// <param name="maxBatch">The largest batch the network's memory plan holds.</param>
    /// <param name="loss">The loss to train with; by default the one FastNet recorded on export, else ce for a softmax output and sse otherwise.</param>
    /// <exception cref="FastNetFormatException">The file is missing, not ONNX, or outside the supported subset.</exception>
    public static ImportedModel Load(string path, int maxBatch = 256, Loss? loss = null) => Read(path, JsonInput.ReadBytes(path), maxBatch, loss);

    /// <summary>Loads an ONNX model from <paramref name="stream"/> (to its end; the stream stays open); see <see cref="Load(string, int, Loss?)"/>.</summary>
    /// <exception cref="FastNetFormatException">The data is not ONNX, or outside the supported subset.</exception>
    public static ImportedModel Load(Stream stream, int maxBatch = 256, Loss? loss = null) =>
        Read(JsonInput.StreamName, JsonInput.ReadBytes(stream), maxBatch, loss);

    /// <summary>Loads an ONNX model from its bytes; see <see cref="Load(string, int, Loss?)"/>.</summary>
    /// <exception cref="FastNetFormatException">The bytes are not ONNX, or outside the supported subset.</exception>
    public static ImportedModel Load(byte[] bytes, int maxBatch = 256, Loss? loss = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Read("(bytes)", bytes, maxBatch, loss);
    }

    /// <summary>Parses the bytes of an ONNX file; <paramref name="path"/> names it in messages.</summary>
    internal static ImportedModel Read(string path, byte[] bytes, int maxBatch, Loss? loss)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FastNetFormatException(path, "", $"not an ONNX model ({e.Message.TrimEnd('.')})");
        }
        return FromModel(path, model, maxBatch, loss);
    }

    /// <summary>Reads a parsed ONNX model; <paramref name="file"/> names it in error messages.</summary>
    internal static ImportedModel FromModel(string file, ModelProto model, int maxBatch = 256, Loss? loss = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Graph is not { } graph || graph.Node.Count == 0)
            throw new FastNetFormatException(file, "", "not an ONNX model (no graph, or a graph without nodes)");
        foreach (OperatorSetIdProto opset in model.OpsetImport)
            if (opset.Domain is not ("" or "ai.onnx") && graph.Node.Any(n => n.Domain == opset.Domain))
                throw new FastNetFormatException(file, "", $"uses operators of the domain {Show(opset.Domain)}, which FastNet does not read");

        var constants = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (TensorProto tensor in graph.Initializer) constants[tensor.Name] = tensor;
        ValueInfoProto[] inputs = graph.Input.Where(i => !constants.ContainsKey(i.Name)).ToArray();
        if (inputs.Length != 1)
            throw new FastNetFormatException(file, "graph inputs", $"has {inputs.Length} inputs besides the initializers; FastNet reads one");
        if (graph.Output.Count != 1)
            throw new FastNetFormatException(file, "graph outputs", $"has {graph.Output.Count} outputs; FastNet reads one");
        int? declaredWidth = Width(inputs[0]);

        var reader = new ChainReader(file, constants);
        string current = inputs[0].Name;
        for (int n = 0; n < graph.Node.Count; n++)
        {
            NodeProto node = graph.Node[n];
            reader.Where = $"node {n} ({Show(node.OpType, quoted: false)} {Show(node.Name)})";
            reader.Read(node, current);
            if (node.Output.Count != 1) throw reader.Error($"has {node.Output.Count} outputs, expected 1");
            current = node.Output[0];
        }
        reader.Where = "graph outputs";
        reader.CloseLayer(Activation.Identity);
        if (current != graph.Output[0].Name)
            throw reader.Error($"the output {Show(graph.Output[0].Name)} is not the end of the chain ({Show(current)})");
        if (reader.Layers.Count == 0) throw reader.Error("the graph has no MatMul or Gemm layer");
        int inputWidth = reader.Weights[0].Rows;
        if (declaredWidth is { } width && width != inputWidth)
            throw new FastNetFormatException(file, $"input {Show(inputs[0].Name)}", $"has {width} features but the first layer takes {inputWidth}");
        if (reader.Mean is { } m && m.Length != inputWidth)
            throw new FastNetFormatException(file, "standardisation", $"has {m.Length} values but the first layer takes {inputWidth} inputs");

        Loss chosen = loss ?? RecordedLoss(file, model) ?? (reader.Layers[^1].Activation == Activation.Softmax ? Loss.CrossEntropy : Loss.Sse);
        Network network;
        try
        {
            var builder = new NetworkBuilder(inputWidth).WithLoss(chosen).WithMaxBatch(maxBatch);
            var parameters = new List<float>();
            for (int l = 0; l < reader.Layers.Count; l++)
            {
                builder.Add(reader.Layers[l]);
                parameters.AddRange(reader.Weights[l].Values);
                if (reader.Biases[l] is { } b) parameters.AddRange(b);
            }
            network = builder.Build(CollectionsMarshal.AsSpan(parameters));
        }
        catch (FastNetException e) when (e is not FastNetFormatException)
        {
            throw new FastNetFormatException(file, "", e.Message);
        }
        if (reader.Mean is not null || reader.Scale is not null)
        {
            try
            {
                network.Standardization = new Standardization(reader.Mean ?? new float[inputWidth], reader.Scale ?? Ones(inputWidth));
            }
            catch (FastNetException e) when (e is not FastNetFormatException)
            {
                throw new FastNetFormatException(file, "standardisation", e.Message);
            }
        }
        long opsetVersion = 0;
        foreach (OperatorSetIdProto opset in model.OpsetImport)
            if (opset.Domain is "" or "ai.onnx") opsetVersion = opset.Version;
        return new ImportedModel(network, opsetVersion);
    }

    private static Loss? RecordedLoss(string file, ModelProto model)
    {
        foreach (StringStringEntryProto entry in model.MetadataProps)
            if (entry.Key == OnnxNames.LossMetadata)
                return ModelFile.ParseLoss(entry.Value)
                    ?? throw new FastNetFormatException(file, $"metadata \"{OnnxNames.LossMetadata}\"", $"unknown loss {Show(entry.Value)} (sse, mse, bce, ce)");
        return null;
    }

    private static int? Width(ValueInfoProto input)
    {
        if (input.Type?.TensorType?.Shape is not { } shape) return null;
        if (shape.Dim.Count != 2) return null;
        TensorShapeProto.Types.Dimension last = shape.Dim[1];
        return last.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? (int)last.DimValue : null;
    }

    private static float[] Ones(int count)
    {
        var ones = new float[count];
        Array.Fill(ones, 1f);
        return ones;
    }

    /// <summary>Walks the node chain, building one layer at a time.</summary>
    private sealed class ChainReader(string file, Dictionary<string, TensorProto> constants)
    {
        private bool _open;
        private float[]? _bias;

        public string Where { get; set; } = "";
        public List<LayerSpec> Layers { get; } = [];
        public List<Matrix> Weights { get; } = [];
        public List<float[]?> Biases { get; } = [];
        public float[]? Mean { get; private set; }
        public float[]? Scale { get; private set; }

        private int FanIn => Weights.Count == 0 ? -1 : Weights[^1].Columns;

        public void Read(NodeProto node, string current)
        {
            if (node.Domain is not ("" or "ai.onnx")) throw Error($"is in the domain {Show(node.Domain)}, which FastNet does not read");
            switch (node.OpType)
            {
                case "Sub":
                    if (Layers.Count > 0 || _open || Mean is not null || Scale is not null) throw Error("Sub is only read as the first node (standardisation)");
                    Mean = Vector(Constant(node, current, commutative: false), -1);
                    break;
                case "Div":
                    if (Layers.Count > 0 || _open || Scale is not null) throw Error("Div is only read before the first layer (standardisation)");
                    Scale = Vector(Constant(node, current, commutative: false), Mean?.Length ?? -1);
                    foreach (float s in Scale) if (!(s > 0)) throw Error($"divides by {s}; a standardisation divides by positive numbers");
                    break;
                case "MatMul":
                    CloseLayer(Activation.Identity);
                    OpenLayer(Matrix(Constant(node, current, commutative: false), transpose: false));
                    break;
                case "Gemm":
                    CloseLayer(Activation.Identity);
                    ReadGemm(node, current);
                    break;
                case "Add":
                    if (!_open || _bias is not null) throw Error("Add is only read right after a MatMul (the bias)");
                    _bias = Vector(Constant(node, current, commutative: true), Weights[^1].Columns);
                    break;
                case "Sigmoid": Activate(node, current, Activation.Sigmoid); break;
                case "Tanh": Activate(node, current, Activation.Tanh); break;
                case "Relu": Activate(node, current, Activation.Relu); break;
                case "Identity": Activate(node, current, Activation.Identity); break;
                case "Softmax":
                    long axis = -1;
                    foreach (AttributeProto attribute in node.Attribute)
                        if (attribute.Name == "axis") axis = attribute.I;
                    if (axis is not (-1 or 1)) throw Error($"Softmax over axis {axis}; FastNet reads the last axis (-1 or 1)");
                    Activate(node, current, Activation.Softmax);
                    break;
                default:
                    throw Error($"the operator {Show(node.OpType, quoted: false)} is not supported (MatMul, Gemm, Add, Sub, Div, Sigmoid, Tanh, Relu, Identity, Softmax)");
            }
        }

        public void CloseLayer(Activation activation)
        {
            if (!_open) return;
            Layers.Add(new LayerSpec(Weights[^1].Columns, activation, _bias is not null));
            Biases.Add(_bias);
            _open = false;
            _bias = null;
        }

        public FastNetFormatException Error(string problem) => new(file, Where, problem);

        private void Activate(NodeProto node, string current, Activation activation)
        {
            if (node.Input.Count != 1 || node.Input[0] != current) throw Error($"does not take the previous value {Show(current)} as its only input");
            if (!_open) throw Error($"{node.OpType} without a MatMul or Gemm before it");
            CloseLayer(activation);
        }

        private void OpenLayer(Matrix w)
        {
            if (FanIn >= 0 && w.Rows != FanIn) throw Error($"the weights have {w.Rows} rows but the previous layer has {FanIn} units");
            if (FanIn < 0 && Mean is not null && w.Rows != Mean.Length)
                throw Error($"the weights have {w.Rows} rows but the standardisation has {Mean.Length} features");
            Weights.Add(w);
            _open = true;
            _bias = null;
        }

        private void ReadGemm(NodeProto node, string current)
        {
            long transA = 0, transB = 0;
            float alpha = 1, beta = 1;
            foreach (AttributeProto a in node.Attribute)
            {
                switch (a.Name)
                {
                    case "transA": transA = a.I; break;
                    case "transB": transB = a.I; break;
                    case "alpha": alpha = a.F; break;
                    case "beta": beta = a.F; break;
                }
            }
            if (transA != 0 || alpha != 1 || beta != 1) throw Error("Gemm is read only with transA = 0, alpha = 1 and beta = 1");
            if (node.Input.Count is < 2 or > 3 || node.Input[0] != current)
                throw Error($"does not take the previous value {Show(current)} as its first input");
            OpenLayer(Matrix(Tensor(node.Input[1]), transpose: transB != 0));
            if (node.Input.Count == 3 && node.Input[2].Length > 0) _bias = Vector(Tensor(node.Input[2]), Weights[^1].Columns);
        }

        private TensorProto Constant(NodeProto node, string current, bool commutative)
        {
            if (node.Input.Count != 2) throw Error($"has {node.Input.Count} inputs, expected 2");
            if (node.Input[0] == current) return Tensor(node.Input[1]);
            if (commutative && node.Input[1] == current) return Tensor(node.Input[0]);
            throw Error($"does not take the previous value {Show(current)} as its {(commutative ? "data" : "first")} input");
        }

        private TensorProto Tensor(string name) =>
            constants.TryGetValue(name, out TensorProto? tensor) ? tensor
                : throw Error($"{Show(name)} is not a graph initializer (FastNet reads constant weights only)");

        private Matrix Matrix(TensorProto tensor, bool transpose)
        {
            if (tensor.Dims.Count != 2) throw Error($"the weights {Show(tensor.Name)} have {tensor.Dims.Count} dimensions, expected 2");
            float[] values = Floats(tensor);
            int rows = (int)tensor.Dims[0], columns = (int)tensor.Dims[1];
            if (!transpose) return new Matrix(rows, columns, values);
            var t = new float[values.Length];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    t[j * rows + i] = values[i * columns + j];
            return new Matrix(columns, rows, t);
        }

        private float[] Vector(TensorProto tensor, int expected)
        {
            long count = 1;
            foreach (long d in tensor.Dims) count *= d;
            int leading = 0;
            for (int i = 0; i < tensor.Dims.Count - 1; i++) if (tensor.Dims[i] != 1) leading++;
            if (leading > 0 || (expected >= 0 && count != expected))
                throw Error($"the constant {Show(tensor.Name)} has shape [{string.Join(", ", tensor.Dims)}], expected [{(expected >= 0 ? expected : "features")}]");
            return Floats(tensor);
        }

        private float[] Floats(TensorProto tensor)
        {
            if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
                throw Error($"the constant {Show(tensor.Name)} has data type {tensor.DataType}, expected float (1)");
            if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
                throw Error($"the constant {Show(tensor.Name)} is stored in an external file, which FastNet does not read");
            long count = 1;
            foreach (long d in tensor.Dims)
            {
                if (d < 1 || d > ModelFile.MaxWidth) throw Error($"the constant {Show(tensor.Name)} has a dimension of {d}");
                count *= d;
            }
            if (count > int.MaxValue / sizeof(float)) throw Error($"the constant {Show(tensor.Name)} has {count} values, too many");
            // The sizes are checked against the data actually in the file before anything is allocated.
            bool raw = tensor.RawData.Length > 0;
            if (raw && tensor.RawData.Length != count * sizeof(float))
                throw Error($"the constant {Show(tensor.Name)} holds {tensor.RawData.Length} bytes, expected {count * sizeof(float)}");
            if (!raw && tensor.FloatData.Count != count)
                throw Error($"the constant {Show(tensor.Name)} holds {tensor.FloatData.Count} values, expected {count}");
            var values = new float[count];
            if (raw)
            {
                ReadOnlySpan<byte> bytes = tensor.RawData.Span;
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
            }
            else
            {
                tensor.FloatData.CopyTo(values, 0);
            }
            for (int i = 0; i < values.Length; i++)
                if (!float.IsFinite(values[i])) throw Error($"value {i} of the constant {Show(tensor.Name)} is {values[i]}, not a finite number");
            return values;
        }
    }

    /// <summary>
    /// A name from the file as it appears in a message: control and other unprintable characters become '?', and long
    /// names are cut, so a message stays one readable line whatever the file holds.
    /// </summary>
    internal static string Show(string text, bool quoted = true)
    {
        const int MaxLength = 64;
        var shown = new System.Text.StringBuilder(Math.Min(text.Length, MaxLength) + 3);
        foreach (char c in text.Length > MaxLength ? text[..MaxLength] : text)
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' ? '?' : c);
        if (text.Length > MaxLength) shown.Append('…');
        return quoted ? $"\"{shown}\"" : shown.ToString();
    }

    /// <summary>A row-major float matrix.</summary>
    private readonly record struct Matrix(int Rows, int Columns, float[] Values);
}
