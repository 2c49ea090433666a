using FastNet.Data;
using FastNet.Training;

namespace FastNet.Tests.Training;

/// <summary>
/// An epoch's accuracy for a one-output network (counted four rows at a time where the batch is whole and unshuffled):
/// the share of rows whose output is on the label's side of ½, as counted from the network's own predictions, at every
/// remainder of four rows, with and without shuffling, and for outputs on ½ exactly.
/// </summary>
public class EpochAccuracyTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(7, false)]
    [InlineData(100, false)]
    [InlineData(103, false)]
    [InlineData(103, true)]
    public void TheFirstEpochCountsWhatThePredictionsSay(int rows, bool shuffle)
    {
        var random = new Random(rows);
        float[] x = Enumerable.Range(0, rows * 2).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(2)).ToArray();
        var data = new Dataset(x, 2, labels: labels);
        Network network = new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse)
            .WithMaxBatch(rows).WithSeed(7).Build();
        if (rows == 4) network.Bias(1)[0] = 0f;   // with zero weights into the output, every output is σ(0) = ½ exactly
        if (rows == 4) network.Weights(1).Clear();
        float[] predicted = network.Predict(x);
        int expected = Enumerable.Range(0, rows).Count(i => (predicted[i] >= 0.5f ? 1 : 0) == labels[i]);

        var trainer = new Trainer(network, data, new TrainingOptions { BatchSize = 0, Shuffle = shuffle, Optimizer = new OptimizerOptions { LearningRate = 0.1f } });
        trainer.RunEpoch();   // the accuracy is of the forward pass, before the update
        Assert.Equal((double)expected / rows, trainer.LastEpoch.Accuracy!.Value, 12);
    }
}
