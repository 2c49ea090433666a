using FastNet.Onnx;
using FastNet.Tests.Support;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace FastNet.Tests.Onnx;

/// <summary>ONNX → FastNet: the round trip is bit-exact, a Gemm model from elsewhere reads right, bad files are refused well.</summary>
public class OnnxImportTests
{
    [Theory]
    [InlineData("4:sigmoid,1:sigmoid", 2, false)]
    [InlineData("8:tanh,8:relu,3:identity", 5, true)]
    [InlineData("6:relu:nobias,4:softmax", 3, true)]
    [InlineData("5:identity:nobias,1:identity", 1, false)]
    public void RoundTripIsBitExact(string layers, int inputs, bool standardized)
    {
        using var folder = new TempFolder();
        Network network = OnnxTestNetworks.Random(inputs, layers, seed: 17);
        if (standardized) network.Standardization = OnnxTestNetworks.RandomStandardization(inputs, seed: 3);
        string path = folder.File("m.onnx");
        OnnxExport.Save(network, path);

        ImportedModel imported = OnnxImport.Load(path);
        Network back = imported.Network;
        Assert.Equal(network.Inputs, back.Inputs);
        Assert.Equal(network.Layers, back.Layers);
        Assert.Equal(network.Loss, back.Loss);
        Assert.Equal(OnnxNames.Opset, imported.Opset);
        Assert.Equal(Bits(network.Parameters), Bits(back.Parameters));
        if (network.Standardization is not { } standardization) Assert.Null(back.Standardization);
        else
        {
            Assert.Equal(Bits(standardization.Mean), Bits(back.Standardization!.Mean));
            Assert.Equal(Bits(standardization.Std), Bits(back.Standardization.Std));
        }
        float[] x = TestData.Uniform(9 * inputs, seed: 4);
        Assert.Equal(Bits(network.Predict(x)), Bits(back.Predict(x)));
    }

    [Fact]
    public void GemmModelFromElsewhereImportsAndMatchesOnnxRuntime()
    {
        // A 3-5-2 MLP as other exporters write it: Gemm with transB = 1 (weights stored [out, in]), float_data, Relu, Softmax axis 1.
        using var folder = new TempFolder();
        float[] w1 = TestData.Uniform(5 * 3, 1), b1 = TestData.Uniform(5, 2), w2 = TestData.Uniform(2 * 5, 3), b2 = TestData.Uniform(2, 4);
        var graph = new GraphProto { Name = "torch_jit" };
        graph.Initializer.Add(FloatData("fc1.weight", w1, 5, 3));
        graph.Initializer.Add(FloatData("fc1.bias", b1, 5));
        graph.Initializer.Add(FloatData("fc2.weight", w2, 2, 5));
        graph.Initializer.Add(FloatData("fc2.bias", b2, 2));
        graph.Input.Add(Value("x", 3));
        graph.Output.Add(Value("probabilities", 2));
        graph.Node.Add(Node("Gemm", ["x", "fc1.weight", "fc1.bias"], "h", ("transB", 1)));
        graph.Node.Add(Node("Relu", ["h"], "a"));
        graph.Node.Add(Node("Gemm", ["a", "fc2.weight", "fc2.bias"], "z", ("transB", 1)));
        graph.Node.Add(Node("Softmax", ["z"], "probabilities", ("axis", 1)));
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        string path = folder.File("torch.onnx");
        File.WriteAllBytes(path, model.ToByteArray());

        ImportedModel imported = OnnxImport.Load(path);
        Assert.Equal(Loss.CrossEntropy, imported.Network.Loss);
        Assert.Equal([new LayerSpec(5, Activation.Relu), new LayerSpec(2, Activation.Softmax)], imported.Network.Layers);
        Assert.Equal(w1[1 * 3 + 2], imported.Network.Weights(0)[2 * 5 + 1]); // W[in=2, out=1] = weight[out=1][in=2]

        using var session = new InferenceSession(path);
        float[] x = TestData.Uniform(11 * 3, seed: 8);
        float[] expected = OnnxTestNetworks.RunOnnx(session, x, 11, 3);
        float[] actual = imported.Network.Predict(x);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"output {i}: {actual[i]} vs {expected[i]}");
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "garbage", "not an ONNX model" },
        { "empty", "not an ONNX model (no graph" },
        { "conv", "node 1 (Conv \"c\")" },
        { "int weights", "has data type 7, expected float (1)" },
        { "short weights", "holds 8 bytes, expected 24" },
        { "nan weights", "is NaN, not a finite number" },
        { "weights not constant", "\"w\" is not a graph initializer" },
        { "broken chain", "does not take the previous value" },
        { "two inputs", "has 2 inputs besides the initializers" },
        { "wrong output", "is not the end of the chain" },
        { "softmax axis 0", "Softmax over axis 0" },
        { "mismatched layers", "the weights have 4 rows but the previous layer has 3 units" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedOnnxIsAFormatErrorNamingFileAndPlace(string kind, string expected)
    {
        using var folder = new TempFolder();
        string path = folder.File(kind.Replace(' ', '-') + ".onnx");
        File.WriteAllBytes(path, Build(kind));
        var error = Assert.Throws<FastNetFormatException>(() => OnnxImport.Load(path));
        Assert.Equal(path, error.File);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void CorruptedBytesGiveAFormatErrorOrAValidNetworkNeverAnotherException()
    {
        using var folder = new TempFolder();
        Network network = OnnxTestNetworks.Random(3, "5:tanh,2:softmax", seed: 2);
        network.Standardization = OnnxTestNetworks.RandomStandardization(3, seed: 1);
        byte[] valid = OnnxExport.ToModel(network).ToByteArray();
        var random = new Random(12345);
        string path = folder.File("corrupt.onnx");
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] bytes = (byte[])valid.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (trial % 10 == 0) bytes = bytes[..random.Next(bytes.Length)]; // truncated
            File.WriteAllBytes(path, bytes);
            try
            {
                ImportedModel imported = OnnxImport.Load(path);
                Assert.True(imported.Network.ParameterCount > 0);
            }
            catch (FastNetFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }
    }

    [Fact]
    public void MissingFileIsAFormatError()
    {
        var error = Assert.Throws<FastNetFormatException>(() => OnnxImport.Load("/no/such/model.onnx"));
        Assert.Equal("/no/such/model.onnx: file not found", error.Message);
    }

    private static byte[] Build(string kind)
    {
        if (kind == "garbage") return [0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02];
        if (kind == "empty") return [];
        var graph = new GraphProto { Name = "g" };
        graph.Input.Add(Value("x", 2));
        if (kind == "two inputs") graph.Input.Add(Value("y", 2));
        graph.Output.Add(Value(kind == "wrong output" ? "elsewhere" : "out", 3));
        TensorProto w = FloatData("w", [1, 2, 3, 4, 5, 6], 2, 3);
        if (kind == "int weights") w.DataType = 7;
        if (kind == "short weights") { w.FloatData.Clear(); w.RawData = ByteString.CopyFrom(new byte[8]); }
        if (kind == "nan weights") w.FloatData[4] = float.NaN;
        if (kind != "weights not constant") graph.Initializer.Add(w);
        graph.Node.Add(Node("MatMul", [kind == "broken chain" ? "nowhere" : "x", "w"], "z"));
        if (kind == "conv") graph.Node.Add(new NodeProto { OpType = "Conv", Name = "c", Input = { "z" }, Output = { "out" } });
        else if (kind == "softmax axis 0") graph.Node.Add(Node("Softmax", ["z"], "out", ("axis", 0)));
        else if (kind == "mismatched layers")
        {
            graph.Initializer.Add(FloatData("w2", new float[12], 4, 3));
            graph.Node.Add(Node("Sigmoid", ["z"], "a"));
            graph.Node.Add(Node("MatMul", ["a", "w2"], "out"));
        }
        else graph.Node.Add(Node("Sigmoid", ["z"], "out"));
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 17 });
        return model.ToByteArray();
    }

    private static TensorProto FloatData(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        tensor.FloatData.Add(values);
        return tensor;
    }

    private static ValueInfoProto Value(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }

    private static NodeProto Node(string op, string[] inputs, string output, params (string Name, long Value)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = op.ToLowerInvariant() + "_" + output };
        node.Input.Add(inputs);
        node.Output.Add(output);
        foreach (var (name, value) in attributes)
            node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });
        return node;
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
