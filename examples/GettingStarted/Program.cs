// A new user's first program, against the FastNetMlp package: a dataset from a float[,], 1,000 samples trained with
// the default full batch, early stopping in a RunEpoch loop of its own with the best weights restored, and the model
// saved and loaded back bit for bit. Exits 1 if any of that fails.
using FastNet;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Training;

// 1,250 points in the square [−2, 2]², labelled 1 inside the circle of radius 1.2 and 0 outside.
var random = new Random(1);
var features = new float[1250, 2];
var labels = new int[1250];
for (int i = 0; i < 1250; i++)
{
    features[i, 0] = (float)(4 * random.NextDouble() - 2);
    features[i, 1] = (float)(4 * random.NextDouble() - 2);
    labels[i] = features[i, 0] * features[i, 0] + features[i, 1] * features[i, 1] < 1.44f ? 1 : 0;
}
Dataset all = Dataset.From(features, labels);          // a copy: later writes to the arrays change nothing
(Dataset train, Dataset validation) = all.Split(0.2);  // 1,000 to train on, 250 to validate (stratified)

Network net = new NetworkBuilder(inputs: 2)
    .Dense(16, Activation.Tanh)
    .Dense(1, Activation.Sigmoid)
    .WithLoss(Loss.Bce)
    .WithSeed(1)
    .Build();
var options = new TrainingOptions
{
    Epochs = 2000,                                     // BatchSize = 0: all 1,000 samples in one batch
    Validation = validation,
    Patience = 100,                                    // stop after 100 epochs without a better validation loss
    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.05f },
};
var trainer = new Trainer(net, train, options);
while (trainer.Epoch < options.Epochs && !trainer.StoppedEarly)
    trainer.RunEpoch();                                // one epoch, allocation-free
trainer.RestoreBestWeights();                          // the weights of the epoch with the lowest validation loss

ModelFile.Save(net, "circle.json");
Network loaded = ModelFile.Load("circle.json");
bool same = loaded.Parameters.SequenceEqual(net.Parameters);

double accuracy = net.Evaluate(validation).Accuracy ?? 0;
Console.WriteLine($"{trainer.Epoch} epochs, best {trainer.BestEpoch}, validation accuracy {accuracy:P1}, reloaded bit-exactly: {same}");
return same && accuracy > 0.9 && trainer.BestEpoch > 0 ? 0 : 1;
