using System.CommandLine;
using System.Globalization;
using FastNet.Serialization;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet info</c>: what a model file holds — layers, activations, parameter count, loss, standardisation, version.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = CliOptions.Model();
        var json = CliOptions.Json();
        var command = new Command("info", "Describe a model: layers, activations, parameters, loss, standardisation, file version.\nExample: fastnet info --model model.json")
        {
            model, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string path = result.GetValue(model)!;
            ModelInput input = ModelInput.Load(path, maxBatch: 1);
            Network network = input.Network;
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("file", path);
                    w.WriteString("format", input.Format);
                    w.WriteNumber("version", input.Version);
                    w.WriteNumber("inputs", network.Inputs);
                    w.WriteNumber("outputs", network.Outputs);
                    w.WriteNumber("parameters", network.ParameterCount);
                    w.WriteString("loss", ModelFile.Name(network.Loss));
                    w.WriteStartArray("layers");
                    int fanIn = network.Inputs;
                    foreach (LayerSpec layer in network.Layers)
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "dense");
                        w.WriteNumber("inputs", fanIn);
                        w.WriteNumber("units", layer.Units);
                        w.WriteString("activation", ModelFile.Name(layer.Activation));
                        w.WriteBoolean("bias", layer.Bias);
                        w.WriteNumber("parameters", Parameters(fanIn, layer));
                        w.WriteEndObject();
                        fanIn = layer.Units;
                    }
                    w.WriteEndArray();
                    if (network.Standardization is { } s)
                    {
                        w.WriteStartObject("standardize");
                        JsonOutput.WriteArray(w, "mean", s.Mean);
                        JsonOutput.WriteArray(w, "std", s.Std);
                        w.WriteEndObject();
                    }
                    else
                    {
                        w.WriteNull("standardize");
                    }
                });
                return FastNetCli.Ok;
            }
            string versionText = input.Format == "onnx" ? $"ONNX, opset {input.Version}" : $"{input.Format} version {input.Version}";
            output.WriteLine($"{path}: {versionText}");
            output.WriteLine($"network: {TrainCommand.Describe(network)}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"inputs {network.Inputs}, outputs {network.Outputs}, {network.ParameterCount} parameters, loss {ModelFile.Name(network.Loss)}"));
            int inputs = network.Inputs;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                LayerSpec layer = network.Layers[l];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  layer {l}: dense {inputs} -> {layer.Units}, {ModelFile.Name(layer.Activation)}, {(layer.Bias ? "bias" : "no bias")}, {Parameters(inputs, layer)} parameters"));
                inputs = layer.Units;
            }
            output.WriteLine(network.Standardization is { } st
                ? $"standardisation: (x - mean) / std, mean [{Join(st.Mean)}], std [{Join(st.Std)}]"
                : "standardisation: none");
            return FastNetCli.Ok;
        });
        return command;
    }

    private static long Parameters(int inputs, LayerSpec layer) => (long)inputs * layer.Units + (layer.Bias ? layer.Units : 0);

    private static string Join(ReadOnlySpan<float> values)
    {
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++) parts[i] = values[i].ToString("G7", CultureInfo.InvariantCulture);
        return string.Join(", ", parts);
    }
}
