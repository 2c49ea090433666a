using System.CommandLine;
using System.Globalization;
using FastNet.Data;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet predict</c>: runs a saved model on inputs given on the command line or in a dataset file.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = CliOptions.Model();
        var input = new Option<string[]>("--input") { Description = "One sample as x1,x2,... (repeatable)", HelpName = "X", AllowMultipleArgumentsPerToken = false };
        var data = CliOptions.Data(required: false, "Predict every sample of this dataset file instead");
        var json = CliOptions.Json();
        var labelColumn = CliOptions.LabelColumn();
        var command = new Command("predict", "Run a model on samples (a model trained on named classes also prints the class).\nExample: fastnet predict --model model.json --input 0,-0.5 --input 1,1")
        {
            model, input, data, json, labelColumn,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string[] inputs = result.GetValue(input) ?? [];
            string? dataPath = result.GetValue(data);
            if ((inputs.Length == 0) == (dataPath is null)) throw new UsageException("give either --input (one or more) or --data");
            var rows = new float[inputs.Length][];
            for (int i = 0; i < inputs.Length; i++) rows[i] = ArgumentParsers.Vector(inputs[i], "--input");
            Network network = ModelInput.Load(result.GetValue(model)!).Network;
            float[] x;
            if (dataPath is not null)
            {
                x = Dataset.LoadFeatures(dataPath, network.Inputs, result.GetValue(labelColumn));
            }
            else
            {
                x = new float[inputs.Length * network.Inputs];
                for (int i = 0; i < inputs.Length; i++)
                {
                    float[] row = rows[i];
                    if (row.Length != network.Inputs)
                        throw new UsageException($"--input: '{inputs[i]}' has {row.Length} values but the model takes {network.Inputs}");
                    row.CopyTo(x, i * network.Inputs);
                }
            }
            float[] y = network.Predict(x);
            int count = x.Length / network.Inputs;
            IReadOnlyList<string>? names = network.ClassNames;
            int[] classes = new int[names is null ? 0 : count];
            if (names is not null) network.PredictClasses(x, classes);
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteStartArray("predictions");
                    for (int i = 0; i < count; i++)
                    {
                        w.WriteStartObject();
                        JsonOutput.WriteArray(w, "input", x.AsSpan(i * network.Inputs, network.Inputs));
                        JsonOutput.WriteArray(w, "output", y.AsSpan(i * network.Outputs, network.Outputs));
                        if (names is not null) w.WriteString("class", ClassName(names, classes[i]));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
                return FastNetCli.Ok;
            }
            for (int i = 0; i < count; i++)
                output.WriteLine(Format(x.AsSpan(i * network.Inputs, network.Inputs)) + " -> " + Format(y.AsSpan(i * network.Outputs, network.Outputs))
                    + (names is null ? "" : $" ({ClassName(names, classes[i])})"));
            return FastNetCli.Ok;
        });
        return command;
    }

    // a class the model names (a model file may name fewer classes than its outputs tell apart)
    private static string ClassName(IReadOnlyList<string> names, int c) => c < names.Count ? names[c] : c.ToString(CultureInfo.InvariantCulture);

    private static string Format(ReadOnlySpan<float> values)
    {
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++) parts[i] = values[i].ToString("G7", CultureInfo.InvariantCulture);
        return string.Join(", ", parts);
    }
}
