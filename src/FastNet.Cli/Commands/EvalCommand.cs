using System.CommandLine;
using System.Globalization;
using FastNet.Data;
using FastNet.Serialization;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet eval</c>: the loss and accuracy of a saved model on a dataset.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = CliOptions.Model();
        var data = CliOptions.Data();
        var json = CliOptions.Json();
        var command = new Command("eval", "Evaluate a model on a dataset: loss, accuracy, sample count.\nExample: fastnet eval --model model.json --data data/moons.json")
        {
            model, data, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            Network network = ModelFile.Load(result.GetValue(model)!);
            string dataPath = result.GetValue(data)!;
            Dataset dataset = Dataset.Load(dataPath);
            Evaluation evaluation;
            try
            {
                evaluation = network.Evaluate(dataset);
            }
            catch (FastNetException e) when (e is not FastNetFormatException)
            {
                throw new FastNetException($"{dataPath}: {e.Message}");
            }
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("loss", evaluation.Loss);
                    if (evaluation.Accuracy is { } a) w.WriteNumber("accuracy", a); else w.WriteNull("accuracy");
                    w.WriteNumber("samples", evaluation.Count);
                });
                return FastNetCli.Ok;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loss {evaluation.Loss:G6} ({ModelFile.Name(network.Loss)}){(evaluation.Accuracy is { } acc ? $", accuracy {acc:P2}" : "")}, {evaluation.Count} samples"));
            return FastNetCli.Ok;
        });
        return command;
    }
}
