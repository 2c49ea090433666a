using System.Runtime.Intrinsics;
using FastNet.Kernels;
using FastNet.Reference;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>The batch-vectorised small-network kernel agrees with the reference training step (loss, every gradient, the outputs).</summary>
public class TinyTrainingTests
{
    public static TheoryData<int, string, Loss> Cases()
    {
        var data = new TheoryData<int, string, Loss>();
        foreach (int batch in new[] { 1, 15, 16, 17, 100, 101 })
        {
            data.Add(batch, "2:4:1", Loss.Sse);
            data.Add(batch, "16:16:3:16", Loss.Mse);
            data.Add(batch, "3:5n:2", Loss.Sse);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceTrainingStep(int batch, string shape, Loss loss)
    {
        string[] parts = shape.Split(':');
        int inputs = int.Parse(parts[0]);
        LayerSpec[] layers = parts.Skip(1)
            .Select(p => new LayerSpec(int.Parse(p.TrimEnd('n')), Activation.Sigmoid, Bias: !p.EndsWith('n'))).ToArray();
        Assert.True(TinyTraining.Supports(inputs, layers, loss) || !Vector512.IsHardwareAccelerated);
        if (!Vector512.IsHardwareAccelerated) return;   // the network uses the general path there

        int outputs = layers[^1].Units, count = 0, fanIn = inputs;
        foreach (LayerSpec spec in layers)
        {
            count += fanIn * spec.Units + (spec.Bias ? spec.Units : 0);
            fanIn = spec.Units;
        }
        float[] parameters = TestData.Uniform(count, 11), x = TestData.Uniform(batch * inputs, 12), t = TestData.Uniform(batch * outputs, 13);
        for (int i = 0; i < parameters.Length; i++) parameters[i] *= 3;
        for (int i = 0; i < x.Length; i++) x[i] *= 2;

        float[] expected = new float[count];
        float expectedLoss = new ReferenceTraining(inputs, layers, loss, batch).Gradients(parameters, x, t, batch, expected);
        float[] expectedOutput = new float[batch * outputs];
        ReferenceForward(parameters, x, batch, inputs, layers, expectedOutput);

        float[] gradients = TestData.Filled(count, float.NaN), output = TestData.Filled(batch * outputs, float.NaN);
        float[] scratch = TestData.Filled(TinyTraining.ScratchLength(inputs, layers, batch), float.NaN);
        float actualLoss = TinyTraining.Run(parameters, x, t, batch, inputs, layers, loss, gradients, output, scratch);

        Assert.True(Math.Abs(expectedLoss - actualLoss) <= 1e-5f * Math.Max(1f, Math.Abs(expectedLoss)), $"loss {actualLoss}, expected {expectedLoss}");
        float scale = expected.Max(Math.Abs);
        for (int i = 0; i < count; i++)
            Assert.True(Math.Abs(expected[i] - gradients[i]) <= 1e-5f * Math.Max(1f, scale), $"gradient {i}: expected {expected[i]}, got {gradients[i]}");
        for (int i = 0; i < output.Length; i++)
            Assert.True(Math.Abs(expectedOutput[i] - output[i]) <= 1e-6f, $"output {i}: expected {expectedOutput[i]}, got {output[i]}");
    }

    // a_out (batch×outputs) by plain loops and MathF
    private static void ReferenceForward(float[] parameters, float[] x, int batch, int inputs, LayerSpec[] layers, float[] output)
    {
        float[] a = x;
        int p = 0, fanIn = inputs;
        foreach (LayerSpec spec in layers)
        {
            float[] next = new float[batch * spec.Units];
            for (int k = 0; k < batch; k++)
                for (int j = 0; j < spec.Units; j++)
                {
                    double z = spec.Bias ? parameters[p + fanIn * spec.Units + j] : 0;
                    for (int i = 0; i < fanIn; i++) z += (double)a[k * fanIn + i] * parameters[p + i * spec.Units + j];
                    next[k * spec.Units + j] = (float)(1 / (1 + Math.Exp(-z)));
                }
            p += fanIn * spec.Units + (spec.Bias ? spec.Units : 0);
            fanIn = spec.Units;
            a = next;
        }
        a.CopyTo(output, 0);
    }
}
