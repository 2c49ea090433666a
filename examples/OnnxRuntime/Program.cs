// ONNX export checked in ONNX Runtime: train a small classifier, export it (with its standardisation), run the same
// inputs through ONNX Runtime and FastNet, and compare. Exits 1 if any output differs by more than 1e-5.
using FastNet;
using FastNet.Data;
using FastNet.Onnx;
using FastNet.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

Dataset data = SyntheticData.Moons(samples: 200, noise: 0.1, seed: 1);
Network net = new NetworkBuilder(inputs: 2)
    .Dense(8, Activation.Tanh)
    .Dense(1, Activation.Sigmoid)
    .WithLoss(Loss.Bce)
    .WithSeed(1)
    .Build();
net.Train(data, new TrainingOptions
{
    Epochs = 300, BatchSize = 20, Standardize = true,
    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.02f },
});

byte[] onnx = OnnxExport.ToBytes(net);                              // or OnnxExport.Save(net, "moons.onnx")
using var session = new InferenceSession(onnx);
string input = session.InputMetadata.Keys.First();

float[] x = data.Features.ToArray();
float[] expected = net.Predict(x);
var tensor = new DenseTensor<float>(x, [data.Count, 2]);
using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
float[] actual = results.First().AsEnumerable<float>().ToArray();

float worst = 0;
for (int i = 0; i < expected.Length; i++) worst = MathF.Max(worst, MathF.Abs(expected[i] - actual[i]));
Console.WriteLine($"{expected.Length} outputs, largest difference FastNet vs ONNX Runtime {worst:G3}");
return actual.Length == expected.Length && worst <= 1e-5f ? 0 : 1;
