using FastNet.Kernels;
using FastNet.Model;
using FastNet.Reference;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The batch-in-lanes forward of tiny networks (<see cref="TinyInference"/> through <see cref="TinyPredictorPath"/>)
/// gives every element the bits of the layer-by-layer products (<see cref="Network.Predict(ReadOnlySpan{float}, Span{float})"/>
/// on the same passes) on every vector width (Vector512 and Vector256 run in software where the hardware lacks them),
/// and agrees with the naive reference. Inputs and weights include ±0, where the sequences' additions of zero show.
/// </summary>
public unsafe class TinyInferenceTests
{
    private static readonly int[] Batches = [1, 3, 4, 15, 16, 17, 100, 252, 256, 300, 1000];

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(1)]
    [InlineData(0)]
    public void Every_width_gives_the_layer_products_bits_on_random_tiny_networks(int lanes)
    {
        var random = new Random(100 + lanes);
        int covered = 0;
        for (int trial = 0; trial < 24; trial++)
        {
            Network network = RandomNetwork(random, trial);
            var layers = Layers(network);
            TinyPredictorPath path = TinyPredictorPath.TryCreate(layers) ?? throw new InvalidOperationException("a tiny network was refused");
            foreach (int count in Batches)
            {
                // passes where a layer takes the narrow path (dot products along k) are the predictor's to send elsewhere
                if (!path.Covers(0, count, count, network.MaxBatch)) continue;
                covered++;
                float[] x = Inputs(random, count * network.Inputs);
                float[] expected = network.Predict(x);
                float[] y = TestData.Filled(count * network.Outputs + 3, float.NaN);
                fixed (float* px = x, py = y) path.Forward(px, py, 0, count, count, network.MaxBatch, lanes);
                Span<float> rows = y.AsSpan(0, count * network.Outputs);
                if (network.Layers[^1].Activation == Activation.Softmax) ActivationKernels.Forward(Activation.Softmax, rows, rows, count, network.Outputs);
                string what = $"{Shape(network)} (pass {network.MaxBatch}), {count} rows, {lanes} lanes";
                AssertBits(expected, rows, what);
                Assert.True(float.IsNaN(y[count * network.Outputs]), $"{what}: wrote past y");
                AssertNearReference(network, x, rows, count, what);
            }
        }
        Assert.True(covered >= 24, $"only {covered} batches took the batch-in-lanes path");
    }

    [Fact]
    public void Predictors_of_tiny_networks_give_the_networks_bits_on_threads_and_from_any_row()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 12; trial++)
        {
            Network network = RandomNetwork(random, trial);
            Predictor one = network.CreatePredictor(), two = network.CreatePredictor(threads: 2);
            foreach (int count in new[] { 1, 7, 33, 256, 777, 1024 })
            {
                float[] x = Inputs(random, count * network.Inputs);
                float[] expected = network.Predict(x);
                AssertBits(expected, one.Predict(x), $"{Shape(network)}, {count} rows, one thread");
                AssertBits(expected, two.Predict(x), $"{Shape(network)}, {count} rows, two threads");
            }
        }
    }

    [Fact]
    public void Wider_or_deeper_networks_are_not_tiny()
    {
        Assert.Null(TinyPredictorPath.TryCreate(Layers(Build(17, [(4, Activation.Sigmoid, true), (1, Activation.Sigmoid, true)], 256))));
        Assert.Null(TinyPredictorPath.TryCreate(Layers(Build(2, [(17, Activation.Relu, true), (1, Activation.Sigmoid, true)], 256))));
        var deep = Enumerable.Repeat((4, Activation.Tanh, true), TinyInference.MaxLayers + 1).ToArray();
        Assert.Null(TinyPredictorPath.TryCreate(Layers(Build(2, deep, 256))));
    }

    // 1 to 3 layers of 1 to 16 units, any activation (softmax only at the output), with and without bias, passes of
    // 256 (the default), 32 or 1000 rows (small and unpacked passes both)
    private static Network RandomNetwork(Random random, int trial)
    {
        int inputs = trial == 0 ? 2 : random.Next(1, 17);
        int depth = trial == 0 ? 2 : random.Next(1, 4);
        Activation[] hidden = [Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.Relu];
        var specs = new (int, Activation, bool)[depth];
        for (int l = 0; l < depth; l++)
        {
            bool output = l == depth - 1;
            int units = trial == 0 ? (output ? 1 : 4) : random.Next(1, 17);
            Activation f = trial == 0 ? Activation.Sigmoid : output && units > 1 && random.Next(3) == 0 ? Activation.Softmax : hidden[random.Next(hidden.Length)];
            specs[l] = (units, f, trial == 0 || random.Next(4) != 0);
        }
        int maxBatch = new[] { 256, 32, 1000 }[trial % 3];
        Network network = Build(inputs, specs, maxBatch);
        for (int l = 0; l < depth; l++)
        {
            Span<float> w = network.Weights(l), b = network.Bias(l);
            for (int i = 0; i < w.Length; i++) if (random.Next(8) == 0) w[i] = random.Next(2) == 0 ? 0f : -0f;
            for (int i = 0; i < b.Length; i++) b[i] = random.Next(6) == 0 ? -0f : (float)(random.NextDouble() - 0.5);
        }
        return network;
    }

    private static Network Build(int inputs, (int Units, Activation F, bool Bias)[] specs, int maxBatch)
    {
        var builder = new NetworkBuilder(inputs).WithSeed(3).WithMaxBatch(maxBatch);
        foreach (var (units, f, bias) in specs) builder.Dense(units, f, bias);
        builder.WithLoss(specs[^1].F == Activation.Softmax ? Loss.CrossEntropy : Loss.Mse);
        return builder.Build();
    }

    private static PackedDenseLayer[] Layers(Network network)
    {
        var layers = new PackedDenseLayer[network.Layers.Count];
        for (int l = 0, fanIn = network.Inputs; l < layers.Length; fanIn = network.Layers[l].Units, l++)
            layers[l] = new PackedDenseLayer(network.Layers[l], fanIn, network.Weights(l), network.Bias(l));
        return layers;
    }

    // uniform in [-2, 2), one in eight ±0
    private static float[] Inputs(Random random, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
            x[i] = random.Next(8) == 0 ? (random.Next(2) == 0 ? 0f : -0f) : (float)(random.NextDouble() * 4 - 2);
        return x;
    }

    private static void AssertNearReference(Network network, float[] x, ReadOnlySpan<float> actual, int count, string what)
    {
        float[] a = x;
        for (int l = 0, fanIn = network.Inputs; l < network.Layers.Count; fanIn = network.Layers[l].Units, l++)
        {
            LayerSpec spec = network.Layers[l];
            var next = new float[count * spec.Units];
            ReadOnlySpan<float> b = spec.Bias ? network.Bias(l) : default;
            if (spec.Activation == Activation.Softmax)
            {
                ReferenceKernels.DenseForward(a, network.Weights(l), b, Activation.Identity, next, count, fanIn, spec.Units);
                ReferenceKernels.ActivationForward(Activation.Softmax, next, next, count, spec.Units);
            }
            else ReferenceKernels.DenseForward(a, network.Weights(l), b, spec.Activation, next, count, fanIn, spec.Units);
            a = next;
        }
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(a[i])), $"{what}: element {i} is {actual[i]:R}, the reference gives {a[i]:R}");
    }

    private static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, the layer products give {expected[i]:R}");
    }

    private static string Shape(Network network) =>
        network.Inputs + "-" + string.Join("-", network.Layers.Select(s => $"{s.Units}{s.Activation}{(s.Bias ? "" : " no bias")}"));
}
