// Serving from many threads: one trained network, one Predictor (a frozen copy of its weights that any number of
// threads may call at once), 8 threads answering 20,000 requests. Exits 1 if any answer differs from the one the same
// predictor gives on one thread.
using FastNet;
using FastNet.Data;
using FastNet.Training;

Dataset data = SyntheticData.Spirals(samples: 240, classes: 3, noise: 0.05, seed: 2);
Network net = new NetworkBuilder(inputs: 2)
    .Dense(32, Activation.Tanh)
    .Dense(3, Activation.Softmax)
    .WithLoss(Loss.CrossEntropy)
    .WithSeed(2)
    .Build();
net.Train(data, new TrainingOptions
{
    Epochs = 300, BatchSize = 24,
    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
});

Predictor predictor = net.CreatePredictor();
const int requests = 20_000;
var answers = new float[requests * 3];
Parallel.For(0, requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, r =>
{
    ReadOnlySpan<float> x = data.Row(r % data.Count);
    predictor.Predict(x, answers.AsSpan(r * 3, 3));                 // allocates nothing
});

var expected = new float[data.Count * 3];
for (int i = 0; i < data.Count; i++) predictor.Predict(data.Row(i), expected.AsSpan(i * 3, 3));
int wrong = 0;
for (int r = 0; r < requests; r++)
    if (!answers.AsSpan(r * 3, 3).SequenceEqual(expected.AsSpan(r % data.Count * 3, 3))) wrong++;
Console.WriteLine($"{requests} requests on 8 threads, {wrong} answers differ from one thread's");
return wrong == 0 ? 0 : 1;
