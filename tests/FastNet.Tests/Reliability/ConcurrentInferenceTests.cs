using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Reliability;

/// <summary>A <see cref="Predictor"/> serves many threads at once, bit for bit as one thread would; a Network refuses overlapping use.</summary>
public class ConcurrentInferenceTests
{
    private const int Threads = 8;
    private const int PredictionsPerThread = 10_000;

    private static Network MakeNetwork() =>
        new NetworkBuilder(5).Dense(16, Activation.Tanh).Dense(8, Activation.Relu, bias: false).Dense(3, Activation.Softmax)
            .WithLoss(Loss.CrossEntropy).WithSeed(21).WithMaxBatch(32).Build();

    [Fact]
    public void EightThreadsPredictExactlyWhatOneThreadPredicts()
    {
        Network network = MakeNetwork();
        Predictor predictor = network.CreatePredictor();
        const int samples = 257;   // not a multiple of anything: rows are reused in a different order on every thread
        float[] x = TestData.Uniform(samples * network.Inputs, 8);
        float[] sequential = new float[samples * network.Outputs];
        for (int i = 0; i < samples; i++)
            predictor.Predict(x.AsSpan(i * network.Inputs, network.Inputs), sequential.AsSpan(i * network.Outputs, network.Outputs));
        // The predictor is the network at the moment it was made, bit for bit, one row at a time and in batches.
        Assert.Equal(Bits(network.Predict(x)), Bits(predictor.Predict(x)));
        Assert.Equal(Bits(network.Predict(x)), Bits(sequential));

        var mismatches = new int[Threads];
        var failures = new Exception?[Threads];
        var threads = new Thread[Threads];
        using var start = new Barrier(Threads);
        for (int t = 0; t < Threads; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    Span<float> y = stackalloc float[3];
                    start.SignalAndWait();
                    for (int n = 0; n < PredictionsPerThread; n++)
                    {
                        int row = (n * 7 + id * 31) % samples;
                        predictor.Predict(x.AsSpan(row * 5, 5), y);
                        for (int k = 0; k < 3; k++)
                            if (BitConverter.SingleToInt32Bits(y[k]) != BitConverter.SingleToInt32Bits(sequential[row * 3 + k])) mismatches[id]++;
                    }
                }
                catch (Exception e)
                {
                    failures[id] = e;
                }
            });
            threads[t].Start();
        }
        foreach (Thread thread in threads) thread.Join();
        Assert.All(failures, Assert.Null);
        Assert.Equal(new int[Threads], mismatches);
    }

    [Fact]
    public void ThePredictorStandardisesInputsAsTheNetworkDoes()
    {
        Network network = MakeNetwork();
        float[] x = TestData.Uniform(50 * 5, 6);
        for (int i = 0; i < x.Length; i++) x[i] = x[i] * 40 + 7;
        network.Standardization = Standardization.Fit(new Dataset(x, 5, labels: new int[50]));
        Assert.Equal(Bits(network.Predict(x)), Bits(network.CreatePredictor().Predict(x)));
    }

    [Fact]
    public void ThePredictorAllocatesNothingPerCallOnceTheThreadIsWarm()
    {
        Predictor predictor = MakeNetwork().CreatePredictor();
        float[] x = TestData.Uniform(40 * 5, 2);   // 40 rows: one full chunk of 32 and a partial one
        var y = new float[40 * 3];
        predictor.Predict(x, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) predictor.Predict(x, y);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TrainingTheNetworkDoesNotChangeAPredictorMadeBefore()
    {
        Network network = MakeNetwork();
        Predictor predictor = network.CreatePredictor();
        float[] x = TestData.Uniform(64 * 5, 3);
        int[] before = Bits(predictor.Predict(x));
        var data = new Dataset(x, 5, labels: Enumerable.Range(0, 64).Select(i => i % 3).ToArray());

        // Train on one thread while another predicts with the predictor the whole time.
        int[]? differing = null;
        using var done = new ManualResetEventSlim();
        var predicting = new Thread(() =>
        {
            var y = new float[64 * 3];
            do
            {
                predictor.Predict(x, y);
                if (!Bits(y).SequenceEqual(before)) differing = Bits(y);
            } while (!done.IsSet);
        });
        predicting.Start();
        network.Train(data, new TrainingOptions { Epochs = 200, BatchSize = 16, Optimizer = new OptimizerOptions { LearningRate = 0.5f } });
        done.Set();
        predicting.Join();

        Assert.Null(differing);
        Assert.NotEqual(before, Bits(network.Predict(x)));           // the network did learn
        Assert.Equal(Bits(network.Predict(x)), Bits(network.CreatePredictor().Predict(x)));
    }

    [Fact]
    public void ANetworkInUseRefusesASecondCallWithAClearError()
    {
        Network network = MakeNetwork();
        var data = new Dataset(TestData.Uniform(10 * 5, 4), 5, labels: [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var trainer = new Thread(() =>
        {
            network.Enter();   // as a Trainer's run on this thread does
            holding.Set();
            release.Wait();
            network.Exit();
        });
        trainer.Start();
        holding.Wait();
        try
        {
            foreach (Action call in new Action[]
                     {
                         () => network.Predict(new float[5]),
                         () => network.Evaluate(data),
                         () => network.Train(data, new TrainingOptions { Epochs = 1 }),
                         () => network.CreatePredictor(),
                         () => network.PredictClass(new float[5]),
                         () => network.Standardization = null,
                         () => FastNet.Serialization.ModelFile.Save(network, Path.Combine(Path.GetTempPath(), "never-written.json")),
                     })
            {
                var e = Assert.Throws<FastNetException>(call);
                Assert.StartsWith("the network is in use by another thread (training or predicting)", e.Message);
                Assert.Contains("CreatePredictor()", e.Message);
            }
        }
        finally
        {
            release.Set();
            trainer.Join();
        }
        Assert.Equal(3, network.Predict(new float[5]).Length);   // and works again once released
    }

    [Fact]
    public void PredictingOnTheNetworkWhileItTrainsIsRefusedAndTrainingStillFinishes()
    {
        Network network = MakeNetwork();
        float[] x = TestData.Uniform(64 * 5, 5);
        var data = new Dataset(x, 5, labels: Enumerable.Range(0, 64).Select(i => i % 3).ToArray());
        Exception? unexpected = null;
        int refusals = 0, answers = 0;
        using var done = new ManualResetEventSlim();
        using var refused = new ManualResetEventSlim();
        var y = new float[64 * 3];
        void PredictAndCheck()
        {
            network.Predict(x, y);
            // An answer is a whole forward pass on the weights between two steps: softmax rows sum to 1.
            for (int i = 0; i < 64; i++)
                if (Math.Abs(y[3 * i] + y[3 * i + 1] + y[3 * i + 2] - 1) > 1e-5) throw new InvalidOperationException($"row {i} is not a softmax");
            answers++;
        }
        var predicting = new Thread(() =>
        {
            try
            {
                while (!done.IsSet)
                {
                    try
                    {
                        PredictAndCheck();
                    }
                    catch (FastNetException e) when (e.Message.StartsWith("the network is in use", StringComparison.Ordinal))
                    {
                        refusals++;
                        refused.Set();
                    }
                }
                PredictAndCheck();   // once training is over the network answers again
            }
            catch (Exception e)
            {
                unexpected = e;
                refused.Set();
            }
        });
        predicting.Start();
        TrainingHistory? history = null;
        int trainingRefusals = 0;
        while (history is null)
        {
            try
            {
                // The run holds the network for all its epochs; after the first, it waits until the predicting thread
                // has been refused at least once, so the refusal is checked on every run of this test.
                history = new Trainer(network, data, new TrainingOptions { Epochs = 200, BatchSize = 8 })
                    .Run(record => { if (record.Epoch == 1) refused.Wait(); });
            }
            catch (FastNetException e) when (e.Message.StartsWith("the network is in use", StringComparison.Ordinal))
            {
                trainingRefusals++;   // the predicting thread was inside: refused before any step, nothing half-computed
            }
        }
        done.Set();
        predicting.Join();
        Assert.Null(unexpected);
        Assert.Equal(200, history.Epochs.Count);   // training did its work
        Assert.True(refusals >= 1, "the predicting thread was never refused while the network trained");
        Assert.True(answers >= 1, "the predicting thread never got an answer");
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
