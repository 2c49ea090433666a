// Regression from arrays: y = sin(x) on [−3, 3] with a little noise, a float[,] of targets, tanh hidden units and the
// mean squared error. Exits 1 if the fit is poor.
using FastNet;
using FastNet.Data;
using FastNet.Training;

const int n = 200;
var random = new Random(7);
var x = new float[n, 1];
var y = new float[n, 1];
for (int i = 0; i < n; i++)
{
    x[i, 0] = -3f + 6f * i / (n - 1);
    y[i, 0] = MathF.Sin(x[i, 0]) + 0.05f * (float)(random.NextDouble() - 0.5);
}

Dataset data = Dataset.From(x, y);
Network net = new NetworkBuilder(inputs: 1)
    .Dense(16, Activation.Tanh)
    .Dense(1, Activation.Identity)
    .WithLoss(Loss.Mse)
    .WithSeed(3)
    .Build();
TrainingHistory history = net.Train(data, new TrainingOptions
{
    Epochs = 2000,                                                    // full batch: one update per epoch
    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.02f },
});

float atOne = net.Predict([1f])[0];
Console.WriteLine($"mse {history.FinalLoss:G3} after {history.Epochs.Count} epochs; f(1) = {atOne:F3} (sin 1 = {MathF.Sin(1f):F3})");
return history.FinalLoss < 0.01 && MathF.Abs(atOne - MathF.Sin(1f)) < 0.1f ? 0 : 1;
