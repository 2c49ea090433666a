using BenchmarkDotNet.Attributes;
using FastNet.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace FastNet.Benchmarks;

/// <summary>
/// <see cref="Predictor.Predict(ReadOnlySpan{float}, Span{float})"/> against ONNX Runtime (CPU, one intra-op thread,
/// preallocated OrtValues: its fastest API) running FastNet's own ONNX export of the same network, in the same run:
/// the seed's 2-4-1 sigmoid network at batch 1 and 1024, and 784-256-10 relu/softmax at batch 1, 32 and 1024. The setup
/// checks once that both give the same predictions (within 1e-5), then times. The ratio column is FastNet's time over
/// ONNX Runtime's. Reproduce: <c>dotnet run -c Release --project bench/FastNet.Benchmarks -- --filter *Inference* --job short</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class InferenceBenchmarks
{
    private Predictor _predictor = null!;
    private InferenceSession _session = null!;
    private RunOptions _run = null!;
    private OrtValue _xValue = null!, _yValue = null!;
    private OrtValue[] _inputs = null!, _outputs = null!;
    private string[] _inputNames = null!, _outputNames = null!;
    private float[] _x = null!, _y = null!, _onnxY = null!;
    private string _onnxPath = null!;

    /// <summary>The network and the rows per call: "2-4-1/B" or "784-256-10/B".</summary>
    [Params("2-4-1/1", "2-4-1/1024", "784-256-10/1", "784-256-10/32", "784-256-10/1024")]
    public string Case { get; set; } = "2-4-1/1";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split('/');
        int batch = int.Parse(parts[1]);
        Network network = parts[0] == "2-4-1"
            ? new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Sse).WithSeed(1).Build()
            : new NetworkBuilder(784).Dense(256, Activation.Relu).Dense(10, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(1).Build();
        _predictor = network.CreatePredictor(threads: 1);
        _x = GemmBenchmarks.Random(new Random(5), batch * network.Inputs);
        _y = new float[batch * network.Outputs];
        _onnxY = new float[batch * network.Outputs];

        _onnxPath = Path.Combine(Path.GetTempPath(), $"fastnet-inference-{Environment.ProcessId}-{parts[0]}.onnx");
        OnnxExport.Save(network, _onnxPath);
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(_onnxPath, options);
        _run = new RunOptions();
        _xValue = OrtValue.CreateTensorValueFromMemory(_x, [batch, network.Inputs]);
        _yValue = OrtValue.CreateTensorValueFromMemory(_onnxY, [batch, network.Outputs]);
        _inputs = [_xValue];
        _outputs = [_yValue];
        _inputNames = [_session.InputMetadata.Keys.First()];
        _outputNames = [_session.OutputMetadata.Keys.First()];

        FastNet();
        OnnxRuntime();
        for (int i = 0; i < _y.Length; i++)
            if (Math.Abs(_y[i] - _onnxY[i]) > 1e-5f)
                throw new InvalidOperationException($"{Case}: output {i} is {_y[i]} in FastNet but {_onnxY[i]} in ONNX Runtime");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _xValue.Dispose();
        _yValue.Dispose();
        _run.Dispose();
        _session.Dispose();
        File.Delete(_onnxPath);
    }

    [Benchmark(Baseline = true)]
    public void OnnxRuntime() => _session.Run(_run, _inputNames, _inputs, _outputNames, _outputs);

    [Benchmark]
    public void FastNet() => _predictor.Predict(_x, _y);
}
