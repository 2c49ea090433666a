using System.CommandLine;
using FastNet.Onnx;
using FastNet.Serialization;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet import</c>: reads an MLP from an ONNX file and saves it as a FastNet model file.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var onnx = new Option<string>("--onnx") { Description = "The ONNX file to read (MatMul/Gemm + Add + activations)", Required = true, HelpName = "IN.onnx" };
        var outOption = CliOptions.Out("The FastNet model file to write (JSON)", helpName: "MODEL");
        var loss = new Option<string>("--loss") { Description = "The loss to train it with later (default: the one FastNet recorded, else ce for softmax, sse otherwise)", HelpName = "LOSS" };
        var json = CliOptions.Json();
        var command = new Command("import", "Import an MLP from ONNX into a FastNet model file, to fine-tune it (train --init) or serve it.\nExample: fastnet import --onnx model.onnx --out model.json")
        {
            onnx, outOption, loss, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            Loss? chosen = result.GetValue(loss) is { } name ? ArgumentParsers.Loss(name) : null;
            string path = result.GetValue(outOption)!;
            OutputPaths.Check([("--out", path)], [("--onnx", result.GetValue(onnx))]);
            ImportedModel imported = OnnxImport.Load(result.GetValue(onnx)!, maxBatch: 1, chosen);
            ModelFile.Save(imported.Network, path);
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("model", path);
                    w.WriteNumber("inputs", imported.Network.Inputs);
                    w.WriteNumber("outputs", imported.Network.Outputs);
                    w.WriteNumber("layers", imported.Network.Layers.Count);
                    w.WriteNumber("parameters", imported.Network.ParameterCount);
                    w.WriteString("loss", ModelFile.Name(imported.Network.Loss));
                    w.WriteBoolean("standardized", imported.Network.Standardization is not null);
                });
                return FastNetCli.Ok;
            }
            output.WriteLine($"wrote {path}: {TrainCommand.Describe(imported.Network)}{(imported.Network.Standardization is null ? "" : ", with standardisation")}");
            return FastNetCli.Ok;
        });
        return command;
    }
}
