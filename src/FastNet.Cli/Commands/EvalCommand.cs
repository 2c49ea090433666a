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
        var labelColumn = CliOptions.LabelColumn();
        var command = new Command("eval", "Evaluate a model on a dataset: loss, accuracy, confusion matrix, sample count.\nExample: fastnet eval --model model.json --data data/moons.json")
        {
            model, data, json, labelColumn,
        };
        CommandAction.Set(command, (result, output) =>
        {
            Network network = ModelInput.Load(result.GetValue(model)!).Network;
            string dataPath = result.GetValue(data)!;
            Dataset dataset = Dataset.Load(dataPath, result.GetValue(labelColumn));
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
                    w.WriteNumberOrNull("loss", evaluation.Loss);
                    w.WriteNumberOrNull("accuracy", evaluation.Accuracy);
                    w.WriteNumber("samples", evaluation.Count);
                    if (evaluation.Confusion is { } c)
                    {
                        w.WriteStartArray("confusion");
                        for (int actual = 0; actual < c.Classes; actual++)
                        {
                            w.WriteStartArray();
                            for (int predicted = 0; predicted < c.Classes; predicted++) w.WriteNumberValue(c[actual, predicted]);
                            w.WriteEndArray();
                        }
                        w.WriteEndArray();
                    }
                    else
                    {
                        w.WriteNull("confusion");
                    }
                });
                return FastNetCli.Ok;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loss {evaluation.Loss:G6} ({ModelFile.Name(network.Loss)}){(evaluation.Accuracy is { } acc ? $", accuracy {acc:P2}" : "")}, {evaluation.Count} samples"));
            if (evaluation.Confusion is { } confusion) WriteConfusion(output, confusion);
            return FastNetCli.Ok;
        });
        return command;
    }

    /// <summary>The confusion matrix as a right-aligned table: one row per actual class, one column per predicted class.</summary>
    private static void WriteConfusion(TextWriter output, ConfusionMatrix confusion)
    {
        int width = Math.Max(confusion.Total.ToString(CultureInfo.InvariantCulture).Length, confusion.Classes.ToString(CultureInfo.InvariantCulture).Length) + 2;
        output.WriteLine("confusion matrix (rows: actual class, columns: predicted class)");
        var line = new System.Text.StringBuilder();
        line.Append(' ', 8);
        for (int predicted = 0; predicted < confusion.Classes; predicted++)
            line.Append(predicted.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        output.WriteLine(line.ToString());
        for (int actual = 0; actual < confusion.Classes; actual++)
        {
            line.Clear();
            line.Append(actual.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append("  ");
            for (int predicted = 0; predicted < confusion.Classes; predicted++)
                line.Append(confusion[actual, predicted].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            output.WriteLine(line.ToString());
        }
    }
}
