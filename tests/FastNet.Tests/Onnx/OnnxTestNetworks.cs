using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace FastNet.Tests.Onnx;

/// <summary>Random networks for the ONNX tests, and running a model in ONNX Runtime.</summary>
internal static class OnnxTestNetworks
{
    /// <summary>A network from <c>UNITS:ACTIVATION[:nobias],...</c> with random weights and biases in [-1, 1).</summary>
    public static Network Random(int inputs, string layers, ulong seed)
    {
        var builder = new NetworkBuilder(inputs).WithSeed(seed).WithMaxBatch(64);
        Activation last = Activation.Identity;
        foreach (string part in layers.Split(','))
        {
            string[] fields = part.Split(':');
            last = ModelFile.ParseActivation(fields[1])!.Value;
            builder.Dense(int.Parse(fields[0]), last, bias: fields.Length < 3);
        }
        builder.WithLoss(last == Activation.Softmax ? Loss.CrossEntropy : Loss.Mse);
        Network network = builder.Build();
        float[] random = TestData.Uniform(network.ParameterCount, (int)seed);
        random.CopyTo(network.Parameters);
        return network;
    }

    public static Standardization RandomStandardization(int inputs, int seed)
    {
        float[] mean = TestData.Uniform(inputs, seed);
        float[] scale = TestData.Uniform(inputs, seed + 1);
        for (int i = 0; i < scale.Length; i++) scale[i] = 0.25f + Math.Abs(scale[i]) * 2;
        return new Standardization(mean, scale);
    }

    public static float[] RunOnnx(InferenceSession session, float[] x, int batch, int inputs)
    {
        string inputName = session.InputMetadata.Keys.Single(), outputName = session.OutputMetadata.Keys.Single();
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(x, [batch, inputs]);
        using var options = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(options, [inputName], [input], [outputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
