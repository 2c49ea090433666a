using System.CommandLine;
using System.Globalization;
using FastNet.Cli.Plotting;
using FastNet.Data;
using FastNet.Training;

namespace FastNet.Cli.Commands;

/// <summary>
/// <c>fastnet lr-find</c>: the learning-rate range test — trains a copy of a new (or loaded) network while the rate
/// grows exponentially, prints the loss against the rate, suggests a rate and can plot the curve.
/// </summary>
internal static class LrFindCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data(description: "The dataset file (.json or .csv)");
        var layers = new Option<string>("--layers") { Description = "Layers as UNITS:ACTIVATION,... (as for train)", HelpName = "SPEC" };
        var noBias = new Option<bool>("--no-bias") { Description = "Build the layers without bias" };
        var init = new Option<string>("--init") { Description = "Test this model file's architecture and weights instead of --layers", HelpName = "MODEL" };
        var loss = new Option<string>("--loss") { Description = "sse, mse, bce or ce (default sse; with --init, the model's)", HelpName = "LOSS" };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd, momentum, nesterov or adam", DefaultValueFactory = _ => "sgd", HelpName = "NAME" };
        var momentum = new Option<float?>("--momentum") { Description = "μ for momentum and nesterov, in [0, 1) (default 0.9)", HelpName = "M" };
        var weightDecay = new Option<float>("--weight-decay") { Description = "L2 weight decay λ, default 0", HelpName = "L2" };
        var batch = new Option<string>("--batch") { Description = "'full' or the samples per step", DefaultValueFactory = _ => "32", HelpName = "full|N" };
        var steps = new Option<int>("--steps") { Description = "Training steps of the test", DefaultValueFactory = _ => 200, HelpName = "N" };
        var minLr = new Option<float>("--min-lr") { Description = "The rate of the first step", DefaultValueFactory = _ => 1e-6f, HelpName = "R" };
        var maxLr = new Option<float>("--max-lr") { Description = "The rate of the last step", DefaultValueFactory = _ => 10f, HelpName = "R" };
        var standardize = new Option<bool>("--standardize") { Description = "Z-score the features first (as train --standardize)" };
        var seed = CliOptions.Seed("Seed of the initial weights and of the batch order");
        var plot = new Option<string>("--plot") { Description = "Write the loss against the rate as a PNG", HelpName = "FILE.png" };
        var json = CliOptions.Json();
        var labelColumn = CliOptions.LabelColumn();
        var command = new Command("lr-find", "Suggest a learning rate: train a copy while the rate grows exponentially and watch the loss (the range test).\n" +
            "Example: fastnet lr-find --data data/moons.json --layers 4:sigmoid,1:sigmoid --loss sse --batch full --max-lr 100 --plot lr.png")
        {
            data, layers, noBias, init, loss, optimizer, momentum, weightDecay, batch, steps, minLr, maxLr, standardize, seed, plot, json, labelColumn,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string? layerText = result.GetValue(layers), initPath = result.GetValue(init), plotPath = result.GetValue(plot);
            if ((layerText is null) == (initPath is null)) throw new UsageException("give either --layers or --init");
            if (initPath is not null && result.GetValue(noBias)) throw new UsageException("--no-bias goes with --layers, not --init");
            if (initPath is not null && result.GetValue(loss) is not null) throw new UsageException("--loss goes with --layers; with --init the model's loss is used");
            int batchSize = ArgumentParsers.Batch(result.GetValue(batch)!);
            int stepCount = result.GetValue(steps);
            if (stepCount is < 2 or > LearningRateFinderOptions.MaxSteps)
                throw new UsageException($"--steps: must be 2 to {LearningRateFinderOptions.MaxSteps}, not {stepCount}");
            float low = result.GetValue(minLr), high = result.GetValue(maxLr);
            if (!(low > 0f) || !float.IsFinite(low)) throw new UsageException($"--min-lr: must be a positive finite number, not {Invariant($"{low}")}");
            if (!(high > low) || !float.IsFinite(high)) throw new UsageException($"--max-lr: must be a finite number above --min-lr ({Invariant($"{low}")}), not {Invariant($"{high}")}");
            if (result.GetValue(optimizer) == "rprop") throw new UsageException("--optimizer rprop takes no learning rate; the range test does not apply");
            OptimizerOptions rule = TrainCommand.Optimizer(result, optimizer, momentum, weightDecay, low);
            if (plotPath is not null && !plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"--plot: '{plotPath}' must end in .png");

            string dataPath = result.GetValue(data)!;
            Dataset dataset = Dataset.Load(dataPath, result.GetValue(labelColumn));
            int maxBatch = batchSize == 0 ? dataset.Count : Math.Min(batchSize, dataset.Count);
            ulong seedValue = result.GetValue(seed);
            Network network = initPath is not null
                ? ModelInput.Load(initPath, maxBatch).Network
                : TrainCommand.Build(dataset, dataPath, ArgumentParsers.Layers(layerText!, !result.GetValue(noBias)), ArgumentParsers.Loss(result.GetValue(loss) ?? "sse"), seedValue, maxBatch);
            LearningRateRange range;
            try
            {
                range = LearningRateFinder.Run(network, dataset, new LearningRateFinderOptions
                {
                    MinRate = low, MaxRate = high, Steps = stepCount, BatchSize = batchSize, Optimizer = rule,
                    Standardize = result.GetValue(standardize), Seed = seedValue,
                });
            }
            catch (FastNetException e) when (e is not FastNetFormatException)
            {
                throw new FastNetException($"{dataPath}: {e.Message}");
            }
            if (plotPath is not null) Pictures.SaveLearningRateRange(range, plotPath, $"learning-rate range test: {TrainCommand.Describe(network)}");

            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("suggestedRate", range.SuggestedRate);
                    w.WriteNumber("minimumLossRate", range.MinimumLossRate);
                    w.WriteNumber("steps", range.Rates.Count);
                    w.WriteBoolean("diverged", range.Diverged);
                    if (plotPath is null) w.WriteNull("plot"); else w.WriteString("plot", plotPath);
                    w.WriteStartArray("points");
                    for (int i = 0; i < range.Rates.Count; i++)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("rate", range.Rates[i]);
                        w.WriteNumber("loss", range.Losses[i]);
                        w.WriteNumber("smoothedLoss", range.SmoothedLosses[i]);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
                return FastNetCli.Ok;
            }
            output.WriteLine(Invariant($"range test of {TrainCommand.Describe(network)}: {range.Rates.Count} steps from {low:G3} to {range.Rates[^1]:G3}{(range.Diverged ? " (stopped: the loss blew up)" : "")}"));
            output.WriteLine("        rate        loss    smoothed");
            int every = Math.Max(1, range.Rates.Count / 12);
            for (int i = 0; i < range.Rates.Count; i += every)
                output.WriteLine(Invariant($"{range.Rates[i],12:G4}{range.Losses[i],12:G5}{range.SmoothedLosses[i],12:G5}"));
            output.WriteLine(Invariant($"suggested learning rate {range.SuggestedRate:G3} (steepest fall of the loss); lowest loss at {range.MinimumLossRate:G3}"));
            if (plotPath is not null) output.WriteLine($"wrote {plotPath}");
            return FastNetCli.Ok;
        });
        return command;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
