using System.CommandLine;
using FastNet.Cli.Plotting;
using FastNet.Data;

namespace FastNet.Cli.Commands;

/// <summary>
/// <c>fastnet plot</c>: a PNG of a dataset's points coloured by label, with a 2-input model's output surface under them,
/// or of a training history's loss curves.
/// </summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data(required: false, "Draw this dataset's points (first two features), coloured by label");
        var labelColumn = CliOptions.LabelColumn();
        var model = CliOptions.Model(required: false, "With --data: draw this 2-input model's output (or predicted class) under the points (.json or .onnx)");
        var history = new Option<string>("--history") { Description = "Draw the training and validation loss curves of this history file (from train --history)", HelpName = "FILE" };
        var title = new Option<string>("--title") { Description = "The picture's title (default: made from the inputs)", HelpName = "TEXT" };
        var outOption = CliOptions.Out("The PNG file to write", helpName: "FILE.png");
        var json = CliOptions.Json();
        var command = new Command("plot", "Draw a dataset, a model's decision boundary, or loss curves as a PNG.\n" +
            "Example: fastnet plot --data data/moons.json --model model.json --out boundary.png\n" +
            "Example: fastnet plot --history history.json --out loss.png")
        {
            data, labelColumn, model, history, title, outOption, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string? dataPath = result.GetValue(data), modelPath = result.GetValue(model), historyPath = result.GetValue(history);
            string path = result.GetValue(outOption)!;
            if (historyPath is not null && (dataPath is not null || modelPath is not null))
                throw new UsageException("--history draws its own picture; give it without --data and --model");
            if (historyPath is null && dataPath is null) throw new UsageException("give --data (points, optionally with --model) or --history (loss curves)");
            if (!Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out: '{path}' must end in .png");
            OutputPaths.Check([("--out", path)], [("--data", dataPath), ("--model", modelPath), ("--history", historyPath)]);

            string kind;
            if (historyPath is not null)
            {
                TrainingCurves curves = TrainingCurves.Read(historyPath);
                Pictures.SaveCurves(curves, path, result.GetValue(title) ?? $"training history ({curves.Epochs.Length} epochs)");
                kind = "history";
            }
            else
            {
                Dataset dataset = Dataset.Load(dataPath!, result.GetValue(labelColumn));
                if (dataset.FeatureCount < 2)
                    throw new FastNetException($"{dataPath}: has {dataset.FeatureCount} feature per sample; a picture needs at least 2");
                if (modelPath is not null)
                {
                    ModelInput input = ModelInput.Load(modelPath);
                    if (input.Network.Inputs != 2)
                        throw new FastNetException($"{modelPath}: takes {input.Network.Inputs} inputs; a decision boundary needs a model with 2");
                    if (input.Network.Inputs != dataset.FeatureCount)
                        throw new FastNetException($"{dataPath}: has {dataset.FeatureCount} features per sample but the model takes {input.Network.Inputs}");
                    Pictures.SaveDecisionBoundary(input.Network, dataset, path,
                        result.GetValue(title) ?? $"{TrainCommand.Describe(input.Network)} on {Path.GetFileName(dataPath)}");
                    kind = "decision-boundary";
                }
                else
                {
                    Pictures.SaveData(dataset, path, result.GetValue(title) ?? $"{Path.GetFileName(dataPath)}: {dataset.Count} samples");
                    kind = "data";
                }
            }
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("picture", kind);
                    w.WriteString("out", path);
                    w.WriteNumber("bytes", new FileInfo(path).Length);
                });
                return FastNetCli.Ok;
            }
            output.WriteLine($"wrote {path}");
            return FastNetCli.Ok;
        });
        return command;
    }
}
