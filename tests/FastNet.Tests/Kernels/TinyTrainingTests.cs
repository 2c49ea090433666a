using System.Runtime.Intrinsics;
using FastNet.Kernels;
using FastNet.Kernels.Vectors;
using FastNet.Reference;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The batch-vectorised small-network kernel agrees with the reference training step (loss, every gradient, the outputs)
/// and with the naive double-precision network (the input gradient), on every width: each width's path is called
/// directly, so Vector512 (in software where the hardware lacks it), Vector256 and Vector128 all run on every machine.
/// </summary>
public class TinyTrainingTests
{
    public static TheoryData<int, string, Loss, int> Cases()
    {
        var data = new TheoryData<int, string, Loss, int>();
        foreach (int width in new[] { 16, 8, 4, 1 })
            foreach (int batch in new[] { 1, 3, 7, 15, 16, 17, 100, 101 })
            {
                data.Add(batch, "2:4:1", Loss.Sse, width);
                data.Add(batch, "16:16:3:16", Loss.Mse, width);
                data.Add(batch, "3:5n:2", Loss.Sse, width);
            }
        return data;
    }

    [Fact]
    public void SupportedWheneverSomeVectorWidthIsAccelerated()
    {
        LayerSpec[] seed = [new(4, Activation.Sigmoid), new(1, Activation.Sigmoid)];
        Assert.Equal(Vector128.IsHardwareAccelerated, TinyTraining.Supports(2, seed, Loss.Sse));
        Assert.False(TinyTraining.Supports(2, seed, Loss.Bce));
        Assert.False(TinyTraining.Supports(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)], Loss.Sse));
        Assert.False(TinyTraining.Supports(17, seed, Loss.Sse));
    }

    [Fact]
    public void DispatchRunsTheWidestAcceleratedWidth()
    {
        LayerSpec[] layers = [new(4, Activation.Sigmoid), new(1, Activation.Sigmoid)];
        int batch = 37;
        float[] parameters = TestData.Uniform(17, 21), x = TestData.Uniform(batch * 2, 22), t = TestData.Uniform(batch, 23);
        float[] expected = Run(VectorDispatch.WidestCount, parameters, x, t, batch, 2, layers, Loss.Sse, out float expectedLoss);
        float[] gradients = new float[17], output = new float[batch], dx = new float[batch * 2];
        float[] scratch = new float[TinyTraining.ScratchLength(2, layers, batch)];
        float loss = TinyTraining.Run(parameters, x, t, batch, 2, layers, Loss.Sse, gradients, output, dx, scratch);
        Assert.Equal(expectedLoss, loss);
        Assert.Equal(expected, gradients.Concat(output).Concat(dx).ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceTrainingStep(int batch, string shape, Loss loss, int width)
    {
        string[] parts = shape.Split(':');
        int inputs = int.Parse(parts[0]);
        LayerSpec[] layers = parts.Skip(1)
            .Select(p => new LayerSpec(int.Parse(p.TrimEnd('n')), Activation.Sigmoid, Bias: !p.EndsWith('n'))).ToArray();
        Assert.True(TinyTraining.Supports(inputs, layers, loss) || !Vector128.IsHardwareAccelerated);

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

        float[] all = Run(width, parameters, x, t, batch, inputs, layers, loss, out float actualLoss);
        float[] gradients = all[..count], output = all[count..(count + batch * outputs)], dx = all[(count + batch * outputs)..];

        Assert.True(Math.Abs(expectedLoss - actualLoss) <= 1e-5f * Math.Max(1f, Math.Abs(expectedLoss)), $"loss {actualLoss}, expected {expectedLoss}");
        float scale = expected.Max(Math.Abs);
        for (int i = 0; i < count; i++)
            Assert.True(Math.Abs(expected[i] - gradients[i]) <= 1e-5f * Math.Max(1f, scale), $"gradient {i}: expected {expected[i]}, got {gradients[i]}");
        for (int i = 0; i < output.Length; i++)
            Assert.True(Math.Abs(expectedOutput[i] - output[i]) <= 1e-6f, $"output {i}: expected {expectedOutput[i]}, got {output[i]}");

        double[] expectedDx = NaiveInputGradient(parameters, x, t, batch, inputs, layers, loss);
        double dxScale = Math.Max(1, expectedDx.Max(Math.Abs));
        for (int i = 0; i < dx.Length; i++)
            Assert.True(Math.Abs(expectedDx[i] - dx[i]) <= 1e-5 * dxScale, $"input gradient {i}: expected {expectedDx[i]}, got {dx[i]}");
    }

    // gradients, then the outputs, then the input gradient, from the width's path with NaN-filled destinations and scratch
    private static float[] Run(int width, float[] parameters, float[] x, float[] t, int batch, int inputs, LayerSpec[] layers, Loss loss, out float value)
    {
        int count = parameters.Length, outputs = layers[^1].Units;
        float[] gradients = TestData.Filled(count, float.NaN), output = TestData.Filled(batch * outputs, float.NaN);
        float[] dx = TestData.Filled(batch * inputs, float.NaN);
        float[] scratch = TestData.Filled(TinyTraining.ScratchLength(inputs, layers, batch), float.NaN);
        value = width switch
        {
            16 => TinyTraining.Run<Vector512<float>, Vector512Width>(parameters, x, t, batch, inputs, layers, loss, gradients, output, dx, scratch),
            8 => TinyTraining.Run<Vector256<float>, Vector256Width>(parameters, x, t, batch, inputs, layers, loss, gradients, output, dx, scratch),
            4 => TinyTraining.Run<Vector128<float>, Vector128Width>(parameters, x, t, batch, inputs, layers, loss, gradients, output, dx, scratch),
            _ => TinyTraining.Run<float, ScalarWidth>(parameters, x, t, batch, inputs, layers, loss, gradients, output, dx, scratch),
        };
        return [.. gradients, .. output, .. dx];
    }

    // ∂L/∂x (batch×inputs) from the independent double-precision network with the same parameters
    private static double[] NaiveInputGradient(float[] parameters, float[] x, float[] t, int batch, int inputs, LayerSpec[] layers, Loss loss)
    {
        var builder = new NetworkBuilder(inputs).WithLoss(loss).WithMaxBatch(batch);
        foreach (LayerSpec spec in layers) builder.Dense(spec.Units, spec.Activation, spec.Bias);
        Network network = builder.Build();
        parameters.CopyTo(network.Parameters);
        return new NaiveMlp(network).Gradients(Array.ConvertAll(x, v => (double)v), Array.ConvertAll(t, v => (double)v), batch).DX;
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
