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
        var command = new Command("eval", "Evaluate a model on a dataset: loss, accuracy, confusion matrix, per-class precision/recall/F1 with macro averages and log-loss (labels), or MSE/RMSE/MAE/R² (targets), sample count.\nExample: fastnet eval --model model.json --data data/moons.json")
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
                    if (evaluation.LogLoss is { } logLoss) w.WriteNumber("logLoss", logLoss); else w.WriteNull("logLoss");
                    if (evaluation.Confusion is { } m) WriteClassMetrics(w, m);
                    if (evaluation.Regression is { } r)
                    {
                        w.WriteStartObject("regression");
                        w.WriteNumber("mse", r.MeanSquaredError);
                        w.WriteNumber("rmse", r.RootMeanSquaredError);
                        w.WriteNumber("mae", r.MeanAbsoluteError);
                        w.WriteNumber("r2", r.R2);
                        w.WriteEndObject();
                    }
                    else
                    {
                        w.WriteNull("regression");
                    }
                });
                return FastNetCli.Ok;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loss {evaluation.Loss:G6} ({ModelFile.Name(network.Loss)}){(evaluation.Accuracy is { } acc ? $", accuracy {acc:P2}" : "")}, {evaluation.Count} samples"));
            if (evaluation.LogLoss is { } ll) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log-loss {ll:G6}"));
            if (evaluation.Regression is { } reg)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"mse {reg.MeanSquaredError:G6}, rmse {reg.RootMeanSquaredError:G6}, mae {reg.MeanAbsoluteError:G6}, r2 {reg.R2:G6}"));
            if (evaluation.Confusion is { } confusion)
            {
                WriteConfusion(output, confusion);
                WriteClassReport(output, confusion);
            }
            return FastNetCli.Ok;
        });
        return command;
    }

    /// <summary>"classes": per-class precision, recall, F1 and support; "macro": their unweighted means.</summary>
    private static void WriteClassMetrics(System.Text.Json.Utf8JsonWriter w, ConfusionMatrix c)
    {
        w.WriteStartArray("classes");
        for (int k = 0; k < c.Classes; k++)
        {
            w.WriteStartObject();
            w.WriteNumber("class", k);
            w.WriteNumber("precision", c.Precision(k));
            w.WriteNumber("recall", c.Recall(k));
            w.WriteNumber("f1", c.F1(k));
            w.WriteNumber("support", c.Support(k));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("macro");
        w.WriteNumber("precision", c.MacroPrecision);
        w.WriteNumber("recall", c.MacroRecall);
        w.WriteNumber("f1", c.MacroF1);
        w.WriteEndObject();
    }

    /// <summary>Per-class precision, recall, F1 and support, then the macro averages (the layout of scikit-learn's classification_report).</summary>
    private static void WriteClassReport(TextWriter output, ConfusionMatrix c)
    {
        output.WriteLine("   class  precision     recall         f1    support");
        for (int k = 0; k < c.Classes; k++)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{k,8}{c.Precision(k),11:F4}{c.Recall(k),11:F4}{c.F1(k),11:F4}{c.Support(k),11}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"macro",8}{c.MacroPrecision,11:F4}{c.MacroRecall,11:F4}{c.MacroF1,11:F4}{c.Total,11}"));
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
