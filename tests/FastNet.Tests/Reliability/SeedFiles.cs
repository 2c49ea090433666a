using System.Text;
using System.Text.RegularExpressions;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Training;

namespace FastNet.Tests.Reliability;

/// <summary>Small valid files the fuzz suite damages: datasets (labels, targets) and models (with and without checksum).</summary>
internal static partial class SeedFiles
{
    public static readonly byte[][] Datasets =
    [
        Bytes(stream => DatasetJson.Write(new Dataset(Values(12, 1), 3, labels: [0, 1, 1, 0], description: "four samples"), stream)),
        Bytes(stream => DatasetJson.Write(new Dataset(Values(6, 2), 3, targets: [0.5f, -1f], targetWidth: 1), stream)),
        Bytes(stream => DatasetJson.Write(new Dataset(Values(9, 3), 3, labels: [0, 2, 1]), stream)),
        Encoding.UTF8.GetBytes("""{"features": [[1, 2, 3], [4, 5, 6]], "labels": [1, 0], "extra": {"x": [1]}}"""),
    ];

    public static readonly byte[][] Models =
    [
        Bytes(stream => ModelFile.Write(new NetworkBuilder(3).Dense(4, Activation.Tanh).Dense(2, Activation.Softmax)
            .WithLoss(Loss.CrossEntropy).WithSeed(1).Build(), stream)),
        Bytes(stream => ModelFile.Write(new NetworkBuilder(2).Dense(3, Activation.Relu, bias: false).Dense(1, Activation.Sigmoid)
            .WithLoss(Loss.Bce).WithSeed(2).Build(), stream)),
        Bytes(stream => ModelFile.Write(Standardized(new NetworkBuilder(2).Dense(2, Activation.Identity).WithLoss(Loss.Mse).WithSeed(3).Build()), stream)),
        Encoding.UTF8.GetBytes("""
            {"format": "fastnet-model", "version": 1, "inputs": 2, "loss": "sse",
             "layers": [{"type": "dense", "units": 2, "activation": "tanh", "weights": [[1, 2], [3, 4]], "bias": [0.5, -0.5]},
                        {"units": 1, "activation": "identity", "weights": [[1], [-1]], "bias": null}]}
            """),
    ];

    /// <summary>CSV datasets: a header and labels, no header and regression targets, quoted fields and a named label column, 3 classes.</summary>
    public static readonly byte[][] CsvDatasets =
    [
        Encoding.UTF8.GetBytes("x1,x2,x3,label\n0.5,-1,2,0\n1.25,3,-0.5,1\n-2,0,1e-3,1\n"),
        Encoding.UTF8.GetBytes("1,2,3,0.25\n4,5,6,-1.5\n\n7,8,9,3.75\n"),
        Encoding.UTF8.GetBytes("\uFEFF\"a\",\"class\",\"b\",\"c\"\n\"1\",\"0\",\"2\",\"3\"\n4,1,5,6\r\n7,1,8,9\r\n"),
        Bytes(stream => DatasetJson.Write(new Dataset(Values(12, 5), 3, labels: [0, 2, 1, 2]), stream), csv: true),
    ];

    /// <summary>ONNX exports: tanh + softmax, relu without bias + sigmoid, identity with standardisation, sigmoid + mse.</summary>
    public static readonly byte[][] OnnxModels =
    [
        Onnx(new NetworkBuilder(3).Dense(4, Activation.Tanh).Dense(2, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(1).Build()),
        Onnx(new NetworkBuilder(2).Dense(3, Activation.Relu, bias: false).Dense(1, Activation.Sigmoid).WithLoss(Loss.Bce).WithSeed(2).Build()),
        Onnx(Standardized(new NetworkBuilder(2).Dense(2, Activation.Identity).WithLoss(Loss.Mse).WithSeed(3).Build())),
        Onnx(new NetworkBuilder(1).Dense(2, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithLoss(Loss.Mse).WithSeed(4).Build()),
    ];

    /// <summary>Checkpoints of small runs: plain SGD, and Adam with a schedule, standardisation and early stopping.</summary>
    public static readonly byte[][] Checkpoints =
    [
        Checkpoint(new TrainingOptions { Epochs = 2, BatchSize = 2 }, []),
        Checkpoint(new TrainingOptions
        {
            Epochs = 3, BatchSize = 3, Standardize = true, ValidationFraction = 0.25, Patience = 5,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
            Schedule = LearningRateSchedule.Step(2, 0.5f),
        }, ["--data", "/data/x.json", "--lr", "0.01"]),
        Checkpoint(new TrainingOptions { Epochs = 1, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Momentum, LearningRate = 0.1f } }, ["--seed", "1"]),
        Checkpoint(new TrainingOptions { Epochs = 0 }, []),
    ];

    /// <summary>The same models with the checksum line removed, so damaged weights reach the shape and value checks.</summary>
    public static readonly byte[][] ModelsWithoutChecksum = Array.ConvertAll(Models,
        model => Encoding.UTF8.GetBytes(ChecksumLine().Replace(Encoding.UTF8.GetString(model), "")));

    [GeneratedRegex("\"checksum\": \"[^\"]*\",")]
    private static partial Regex ChecksumLine();

    private static Network Standardized(Network network)
    {
        network.Standardization = new Standardization([1f, -2f], [0.5f, 3f]);
        return network;
    }

    private static byte[] Checkpoint(TrainingOptions options, string[] command)
    {
        var data = new Dataset(Values(16, 4), 2, labels: [0, 1, 1, 0, 1, 0, 0, 1]);
        var trainer = new Trainer(new NetworkBuilder(2).Dense(3, Activation.Tanh).Dense(1, Activation.Sigmoid).WithMaxBatch(8).Build(), data, options);
        trainer.Run();
        string path = Path.Combine(Path.GetTempPath(), $"fastnet-fuzz-seed-{Guid.NewGuid():N}.json");
        try
        {
            trainer.SaveCheckpoint(path, command);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Onnx(Network network) => Google.Protobuf.MessageExtensions.ToByteArray(FastNet.Onnx.OnnxExport.ToModel(network));

    private static byte[] Bytes(Action<Stream> write, bool csv = false)
    {
        if (csv)
        {
            // Through a file: the CSV writer is path-based.
            var data = DatasetJson.Read("seed.json", Bytes(write));
            string path = Path.Combine(Path.GetTempPath(), $"fastnet-fuzz-seed-{Guid.NewGuid():N}.csv");
            try
            {
                data.Save(path);
                return File.ReadAllBytes(path);
            }
            finally
            {
                File.Delete(path);
            }
        }
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    private static float[] Values(int length, int seed) => Support.TestData.Uniform(length, seed);
}
