using System.CommandLine;
using System.Globalization;
using FastNet.Cli.Plotting;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Training;

namespace FastNet.Cli.Commands;

/// <summary>
/// <c>fastnet demo</c>: the seed tutorial end to end — make_moons (100 points, bundled), a 2-4-1 sigmoid network, squared
/// error, full-batch gradient descent for 3000 epochs, the cost every 500 epochs, two test points, two pictures.
/// </summary>
internal static class DemoCommand
{
    public const int Hidden = 4;
    public const int Epochs = 3000;
    public const float LearningRate = 0.5f;
    public const ulong Seed = 1;
    public static readonly float[][] TestPoints = [[0f, -0.5f], [1f, 1f]];

    public static string BundledData => Path.Combine(AppContext.BaseDirectory, "data", "moons.json");

    public static Command Create()
    {
        var outOption = new Option<string>("--out") { Description = "Folder for moons.png and decision-boundary.png (made if missing)", DefaultValueFactory = _ => ".", HelpName = "DIR" };
        var dataOption = CliOptions.Data(required: false, "The dataset (default: the bundled data/moons.json)");
        var json = CliOptions.Json();
        var command = new Command("demo", "Reproduce the seed tutorial: 2-4-1 sigmoid network on make_moons, 3000 epochs.\nExample: fastnet demo --out pictures")
        {
            outOption, dataOption, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string folder = result.GetValue(outOption)!;
            bool asJson = result.GetValue(json);
            Dataset data = Dataset.Load(result.GetValue(dataOption) ?? BundledData);
            Directory.CreateDirectory(folder);

            Network network = new NetworkBuilder(data.FeatureCount)
                .Dense(Hidden, Activation.Sigmoid)
                .Dense(1, Activation.Sigmoid)
                .WithLoss(Loss.Sse)
                .WithSeed(Seed)
                .WithMaxBatch(data.Count)
                .Build();
            var options = new TrainingOptions
            {
                Epochs = Epochs,
                Optimizer = new OptimizerOptions { LearningRate = LearningRate },
            };
            TimeSpan warmup = JitWarmup.Training(network, data, options);
            var trainer = new Trainer(network, data, options);
            TrainingHistory history = trainer.Run(asJson ? null : record =>
            {
                if (record.Epoch == 1 || record.Epoch % 500 == 0)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {record.Epoch,5}  cost {record.Loss:F6}"));
            });
            Evaluation evaluation = network.Evaluate(data);
            double microseconds = history.Elapsed.TotalMicroseconds / Epochs;
            var predictions = new float[TestPoints.Length][];
            for (int i = 0; i < TestPoints.Length; i++) predictions[i] = network.Predict(TestPoints[i]);

            Pictures.SaveData(data, Path.Combine(folder, "moons.png"), "make_moons: label 1 green, label 0 blue");
            Pictures.SaveDecisionBoundary(network, data, Path.Combine(folder, "decision-boundary.png"),
                $"2-{Hidden}-1 sigmoid network after {Epochs} epochs");

            if (asJson)
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumberOrNull("accuracy", evaluation.Accuracy);
                    w.WriteNumberOrNull("loss", evaluation.Loss);
                    w.WriteNumber("epochs", Epochs);
                    w.WriteNumber("microsecondsPerEpoch", microseconds);
                    w.WriteNumber("warmupMilliseconds", warmup.TotalMilliseconds);
                    w.WriteStartArray("predictions");
                    for (int i = 0; i < TestPoints.Length; i++)
                    {
                        w.WriteStartObject();
                        JsonOutput.WriteArray(w, "input", TestPoints[i]);
                        JsonOutput.WriteArray(w, "output", predictions[i]);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
                return FastNetCli.Ok;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training accuracy {evaluation.Accuracy:P1}, final cost {evaluation.Loss:F6}"));
            for (int i = 0; i < TestPoints.Length; i++)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"prediction for ({TestPoints[i][0]}, {TestPoints[i][1]}): {predictions[i][0]:F6} ({(predictions[i][0] >= 0.5f ? "green, label 1" : "blue, label 0")})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Epochs} epochs in {history.Elapsed.TotalMilliseconds:F1} ms, {microseconds:F2} µs/epoch (after {warmup.TotalMilliseconds:F0} ms compiling the loop on a copy)"));
            output.WriteLine($"wrote {Path.Combine(folder, "moons.png")} and {Path.Combine(folder, "decision-boundary.png")}");
            return FastNetCli.Ok;
        });
        return command;
    }
}
