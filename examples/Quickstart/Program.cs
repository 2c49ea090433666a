// The packages' nuget.org READMEs, as programs: XOR with FastNetMlp, then an ONNX round trip with FastNetMlp.Onnx.
// (A test checks that every C# block of those READMEs and of the repository's README is held by an example.)
// Exits 1 if XOR was not learned or the ONNX round trip is not bit-exact.
using FastNet;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Training;
using FastNet.Onnx;

float[,] x = { { 0f, 0f }, { 0f, 1f }, { 1f, 0f }, { 1f, 1f } };
Dataset data = Dataset.From(x, labels: [0, 1, 1, 0]);    // copies; also float[][], string labels, float[,] targets

Network net = new NetworkBuilder(inputs: 2)
    .Dense(8, Activation.Tanh)
    .Dense(1, Activation.Sigmoid)
    .WithLoss(Loss.Bce)
    .WithSeed(1)
    .Build();
TrainingHistory history = net.Train(data, new TrainingOptions
{
    Epochs = 500,                                         // BatchSize = 0: the full batch, one update per epoch
    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.05f },
});

int c = net.PredictClass([1f, 0f]);                      // 1; allocates nothing
ModelFile.Save(net, "xor.json");                          // atomic; floats round-trip bit-exactly
Network again = ModelFile.Load("xor.json");

bool learned = net.PredictClass([0f, 0f]) == 0 && c == 1 && net.PredictClass([1f, 1f]) == 0
    && again.Parameters.SequenceEqual(net.Parameters);
Console.WriteLine($"xor learned: {learned}, loss {history.FinalLoss:G3}");
return learned && OnnxRoundTrip() ? 0 : 1;

static bool OnnxRoundTrip()
{
    Network net = new NetworkBuilder(inputs: 2)
        .Dense(4, Activation.Sigmoid)
        .Dense(1, Activation.Sigmoid)
        .WithSeed(1)
        .Build();

    OnnxExport.Save(net, "model.onnx");                       // a file (atomic) ...
    byte[] bytes = OnnxExport.ToBytes(net);                   // ... or bytes, e.g. for an ONNX Runtime InferenceSession
    ImportedModel imported = OnnxImport.Load("model.onnx");   // also Load(Stream) and Load(byte[])
    Network back = imported.Network;                          // the same weights, bit for bit
    bool same = back.Parameters.SequenceEqual(net.Parameters) && bytes.Length > 0;
    Console.WriteLine($"onnx round trip bit-exact: {same}");
    return same;
}
