using FastNet.Data;
using FastNet.Tests.Support;

namespace FastNet.Tests.Inference;

/// <summary>
/// A predictor (pre-packed weights, GEMV, unpacked narrow products, rows on threads) predicts the network's bits for the
/// same rows per pass, for every batch size and thread count, and allocates nothing once warm.
/// </summary>
public class PredictorTests
{
    private static readonly int[] Batches = [1, 2, 3, 5, 16, 17, 31, 100, 255, 256, 257, 600, 1000];

    public static TheoryData<string> Networks() => ["2-4s-1s", "784-256r-10x", "5-16t-8r-3x", "20-300s-17t", "40-33r-1s"];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predictions_are_the_networks_bits_for_every_batch_and_thread_count(string shape)
    {
        foreach (int maxBatch in new[] { 256, 32 })
        {
            Network network = Build(shape, maxBatch);
            Predictor one = network.CreatePredictor(), two = network.CreatePredictor(threads: 2), four = network.CreatePredictor(threads: 4);
            foreach (int batch in Batches)
            {
                float[] x = TestData.Uniform(batch * network.Inputs, batch);
                int[] expected = Bits(network.Predict(x));
                Assert.Equal(expected, Bits(one.Predict(x)));
                Assert.Equal(expected, Bits(two.Predict(x)));
                Assert.Equal(expected, Bits(four.Predict(x)));
            }
        }
    }

    [Fact]
    public void A_standardising_network_and_its_predictor_agree_on_threads()
    {
        Network network = Build("784-256r-10x", 256);
        float[] x = TestData.Uniform(700 * 784, 3);
        for (int i = 0; i < x.Length; i++) x[i] = x[i] * 40 + 7;
        network.Standardization = Standardization.Fit(new Dataset(x, 784, labels: new int[700]));
        Assert.Equal(Bits(network.Predict(x)), Bits(network.CreatePredictor(threads: 2).Predict(x)));
    }

    // Without a layer on the direct path (products of at most 4096 multiply-adds), a row's prediction does not depend
    // on the rows it is computed with: one at a time, in batches of 900, on threads.
    [Fact]
    public void Rows_of_wide_layers_do_not_depend_on_the_batch_split()
    {
        Network network = Build("300-256r-17x", 256);   // 256×17 > 4096: no layer is small even for one row
        Predictor predictor = network.CreatePredictor(threads: 2);
        float[] x = TestData.Uniform(900 * 300, 4);
        float[] whole = predictor.Predict(x);
        var single = new float[17];
        for (int i = 0; i < 900; i += 37)
        {
            predictor.Predict(x.AsSpan(i * 300, 300), single);
            Assert.Equal(Bits(whole.AsSpan(i * 17, 17).ToArray()), Bits(single));
        }
        Assert.Equal(Bits(network.Predict(x)), Bits(whole));
    }

    [Theory]
    [InlineData("784-256r-10x", 1, 1)]
    [InlineData("784-256r-10x", 32, 1)]
    [InlineData("784-256r-10x", 1024, 1)]
    [InlineData("784-256r-10x", 1024, 2)]
    [InlineData("2-4s-1s", 1, 1)]
    [InlineData("2-4s-1s", 1024, 2)]
    public void A_warm_call_allocates_nothing(string shape, int batch, int threads)
    {
        Network network = Build(shape, 256);
        Predictor predictor = network.CreatePredictor(threads);
        float[] x = TestData.Uniform(batch * network.Inputs, 5);
        var y = new float[batch * network.Outputs];
        for (int i = 0; i < 50; i++) predictor.Predict(x, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) predictor.Predict(x, y);
        Assert.Equal(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Fewer_than_one_thread_is_refused()
    {
        var e = Assert.Throws<FastNetException>(() => Build("2-4s-1s", 8).CreatePredictor(threads: 0));
        Assert.Contains("at least one thread", e.Message);
    }

    // "inputs-units activation-..." with s sigmoid, t tanh, r relu, x softmax (ce loss), weights from a seed
    private static Network Build(string shape, int maxBatch)
    {
        string[] parts = shape.Split('-');
        var builder = new NetworkBuilder(int.Parse(parts[0])).WithSeed(11).WithMaxBatch(maxBatch);
        foreach (string layer in parts[1..])
        {
            Activation f = layer[^1] switch { 's' => Activation.Sigmoid, 't' => Activation.Tanh, 'r' => Activation.Relu, _ => Activation.Softmax };
            builder.Dense(int.Parse(layer[..^1]), f);
        }
        builder.WithLoss(parts[^1].EndsWith('x') ? Loss.CrossEntropy : Loss.Mse);
        Network network = builder.Build();
        // biases the initialiser leaves at zero, so the bias paths are exercised
        var random = new Random(12);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Span<float> b = network.Bias(l);
            for (int i = 0; i < b.Length; i++) b[i] = (float)(random.NextDouble() - 0.5);
        }
        return network;
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
