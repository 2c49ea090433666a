// Classification from arrays in memory: a float[,] of features and string labels, standardised inputs, a held-out
// test split, Adam, then the accuracy and the predicted class names. Exits 1 if the network did not learn.
using FastNet;
using FastNet.Data;
using FastNet.Training;

// Three species of flower, two measurements each: a cloud of 150 points per species around its own centre.
string[] species = ["setosa", "versicolor", "virginica"];
float[,] centres = { { 5.0f, 3.4f }, { 5.9f, 2.8f }, { 6.6f, 3.0f } };
var random = new Random(42);
var features = new float[450, 2];
var labels = new string[450];
for (int i = 0; i < 450; i++)
{
    int s = i % 3;
    features[i, 0] = centres[s, 0] + (float)(0.15 * NextGaussian(random));
    features[i, 1] = centres[s, 1] + (float)(0.15 * NextGaussian(random));
    labels[i] = species[s];
}

Dataset data = Dataset.From(features, labels);                      // copies; classes 0, 1, 2 in name order
(Dataset train, Dataset test) = data.Split(0.2, seed: 1);             // stratified: 20 % of each class
Network net = new NetworkBuilder(inputs: 2)
    .Dense(16, Activation.Relu)
    .Dense(3, Activation.Softmax)
    .WithLoss(Loss.CrossEntropy)
    .WithSeed(1)
    .Build();
net.Train(train, new TrainingOptions
{
    Epochs = 200, BatchSize = 32, Standardize = true, Seed = 1,
    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
});

Evaluation result = net.Evaluate(test);
int predicted = net.PredictClass([6.6f, 3.0f]);
Console.WriteLine($"test accuracy {result.Accuracy:P1} on {result.Count} samples; (6.6, 3.0) is {net.ClassNames![predicted]}");
return result.Accuracy > 0.85 && net.ClassNames[predicted] == "virginica" ? 0 : 1;

static double NextGaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
