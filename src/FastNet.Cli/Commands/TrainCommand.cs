using System.CommandLine;
using System.Globalization;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Training;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet train</c>: trains a new network (or one from a model file) on a dataset and saves it.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        var layers = new Option<string>("--layers") { Description = "Layers as UNITS:ACTIVATION,... (identity, sigmoid, tanh, relu, softmax)", HelpName = "SPEC" };
        var noBias = new Option<bool>("--no-bias") { Description = "Build the layers without bias" };
        var init = new Option<string>("--init") { Description = "Start from this model file's architecture and weights instead of --layers", HelpName = "MODEL" };
        var loss = new Option<string>("--loss") { Description = "sse, mse, bce or ce (default sse; with --init, the model's)", HelpName = "LOSS" };
        var lr = new Option<float>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 0.1f, HelpName = "R" };
        var epochs = new Option<int>("--epochs") { Description = "Number of epochs", DefaultValueFactory = _ => 1000, HelpName = "E" };
        var batch = new Option<string>("--batch") { Description = "'full' (one update per epoch) or a mini-batch size", DefaultValueFactory = _ => "full", HelpName = "full|N" };
        var seed = CliOptions.Seed("Seed of the initial weights and of the shuffling");
        var outOption = new Option<string>("--out") { Description = "Where to save the trained model (JSON)", Required = true, HelpName = "MODEL" };
        var json = CliOptions.Json();
        var command = new Command("train", "Train a network and save it.\nExample: fastnet train --data data/moons.json --layers 4:sigmoid,1:sigmoid --loss sse --lr 0.5 --epochs 3000 --out model.json")
        {
            data, layers, noBias, init, loss, lr, epochs, batch, seed, outOption, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string? layerText = result.GetValue(layers);
            string? initPath = result.GetValue(init);
            if ((layerText is null) == (initPath is null)) throw new UsageException("give either --layers or --init");
            if (initPath is not null && result.GetValue(noBias)) throw new UsageException("--no-bias goes with --layers, not --init");
            if (initPath is not null && result.GetValue(loss) is not null) throw new UsageException("--loss goes with --layers; with --init the model's loss is used");
            int batchSize = ArgumentParsers.Batch(result.GetValue(batch)!);
            int epochCount = result.GetValue(epochs);
            if (epochCount < 1) throw new UsageException($"--epochs: must be at least 1, not {epochCount}");
            ulong seedValue = result.GetValue(seed);

            Dataset dataset = Dataset.Load(result.GetValue(data)!);
            int maxBatch = batchSize == 0 ? dataset.Count : Math.Min(batchSize, dataset.Count);
            Network network = initPath is not null
                ? ModelFile.Load(initPath, maxBatch)
                : Build(dataset, ArgumentParsers.Layers(layerText!, !result.GetValue(noBias)),
                    ArgumentParsers.Loss(result.GetValue(loss) ?? "sse"), seedValue, maxBatch);
            var options = new TrainingOptions
            {
                Epochs = epochCount,
                BatchSize = batchSize,
                Seed = seedValue,
                Optimizer = new OptimizerOptions { LearningRate = result.GetValue(lr) },
            };
            TrainingHistory history = new Trainer(network, dataset, options).Run();
            Evaluation evaluation = network.Evaluate(dataset);
            if (!double.IsFinite(evaluation.Loss))
                throw new FastNetException($"training diverged (loss {evaluation.Loss}); lower --lr; the model was not saved");
            string path = result.GetValue(outOption)!;
            ModelFile.Save(network, path);

            double milliseconds = history.Elapsed.TotalMilliseconds;
            double microseconds = history.Elapsed.TotalMicroseconds / Math.Max(1, history.Epochs.Count);
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("epochs", history.Epochs.Count);
                    w.WriteNumber("loss", evaluation.Loss);
                    if (evaluation.Accuracy is { } a) w.WriteNumber("accuracy", a); else w.WriteNull("accuracy");
                    w.WriteNumber("trainMilliseconds", milliseconds);
                    w.WriteNumber("microsecondsPerEpoch", microseconds);
                    w.WriteString("model", path);
                });
                return FastNetCli.Ok;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {Describe(network)} for {history.Epochs.Count} epochs in {milliseconds:F1} ms ({microseconds:F2} µs/epoch)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loss {evaluation.Loss:G6}{(evaluation.Accuracy is { } acc ? $", accuracy {acc:P1}" : "")} on {evaluation.Count} samples"));
            output.WriteLine($"wrote {path}");
            return FastNetCli.Ok;
        });
        return command;
    }

    private static Network Build(Dataset data, LayerSpec[] layers, Loss loss, ulong seed, int maxBatch)
    {
        var builder = new NetworkBuilder(data.FeatureCount).WithLoss(loss).WithSeed(seed).WithMaxBatch(maxBatch);
        foreach (LayerSpec layer in layers) builder.Add(layer);
        return builder.Build();
    }

    /// <summary>A one-line architecture such as <c>2-4-1 (sigmoid, sigmoid; sse)</c>.</summary>
    public static string Describe(Network network)
    {
        var shape = new List<string> { network.Inputs.ToString(CultureInfo.InvariantCulture) };
        var activations = new List<string>();
        foreach (LayerSpec layer in network.Layers)
        {
            shape.Add(layer.Units.ToString(CultureInfo.InvariantCulture));
            activations.Add(ModelFile.Name(layer.Activation) + (layer.Bias ? "" : " no bias"));
        }
        return $"{string.Join('-', shape)} ({string.Join(", ", activations)}; {ModelFile.Name(network.Loss)})";
    }
}
