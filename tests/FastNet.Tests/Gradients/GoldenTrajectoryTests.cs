using FastNet.Data;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Gradients;

/// <summary>
/// The seed workload (2-4-1 sigmoid, sse, full-batch gradient descent with lr 0.5 on data/moons.json) from fixed,
/// exactly representable initial weights: its first 10 losses against a naive double-precision reference
/// (<see cref="NaiveMlp"/>), whose own numbers are pinned to an independent numpy computation of the same recurrence.
/// </summary>
public class GoldenTrajectoryTests
{
    // numpy 1.24, float64, features read as float32 then widened (as FastNet reads them)
    private static readonly double[] Golden =
    [
        12.515114958823908, 20.047650904732247, 12.138938045112367, 18.904471538157402, 7.281113578201122,
        5.8255336509390325, 5.1378369641391055, 4.656001660564781, 4.412304344872405, 4.328457811806434,
    ];

    [Fact]
    public void FirstTenLossesMatchTheNaiveDoubleReferenceAndThePinnedValues()
    {
        Dataset moons = TestData.Moons();
        Network network = new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse).WithMaxBatch(moons.Count).Build();
        float[] w0 = [0.5f, -0.25f, 0.75f, -1f, 1f, 0.5f, -0.5f, 0.25f];
        w0.CopyTo(network.Weights(0));
        float[] b0 = [0.125f, -0.25f, 0.0625f, 0f];
        b0.CopyTo(network.Bias(0));
        float[] w1 = [1f, -1.5f, 0.5f, 0.75f];
        w1.CopyTo(network.Weights(1));
        network.Bias(1)[0] = -0.125f;

        var naive = new NaiveMlp(network);
        double[] x = OracleCheck.Widen(moons.Features), t = new double[moons.Count];
        for (int i = 0; i < t.Length; i++) t[i] = moons.Labels[i];
        var reference = new double[Golden.Length];
        for (int e = 0; e < reference.Length; e++) reference[e] = naive.Step(x, t, moons.Count, 0.5);
        // the same recurrence in the same precision: only summation order differs
        OracleCheck.Close("naive reference against numpy", Golden, reference, new OracleCheck.Tolerance(0, 1e-12));

        TrainingHistory history = network.Train(moons, new TrainingOptions { Epochs = 10, Optimizer = new OptimizerOptions { LearningRate = 0.5f } });
        double[] losses = [.. history.Epochs.Select(e => e.Loss)];
        // float32 (ε = 6e-8) rounding in forward, backward and update; the large early steps (the loss jumps 12.5 → 20 →
        // 12.1) amplify it: measured at most 5.4e-7 relative (6.6e-6 at epoch 3). 1e-4 leaves a wide margin for other
        // summation orders (vector widths, threads) yet catches any real error, which moves the second loss by percent
        OracleCheck.Close("FastNet against the naive reference", reference, losses, new OracleCheck.Tolerance(0, 1e-4));
    }
}
