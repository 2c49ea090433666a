using System.CommandLine;
using FastNet.Onnx;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet export</c>: writes a FastNet model as an ONNX file (opset 17, symbolic batch).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = CliOptions.Model();
        var onnx = new Option<string>("--onnx") { Description = "The ONNX file to write", Required = true, HelpName = "OUT.onnx" };
        var json = CliOptions.Json();
        var command = new Command("export", "Export a model to ONNX (opset 17, input [batch, inputs], standardisation included).\nExample: fastnet export --model model.json --onnx model.onnx")
        {
            model, onnx, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string path = result.GetValue(onnx)!;
            OutputPaths.Check([("--onnx", path)], [("--model", result.GetValue(model))]);
            ModelInput input = ModelInput.Load(result.GetValue(model)!, maxBatch: 1);
            OnnxExport.Save(input.Network, path);
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("onnx", path);
                    w.WriteNumber("opset", OnnxNames.Opset);
                    w.WriteNumber("inputs", input.Network.Inputs);
                    w.WriteNumber("outputs", input.Network.Outputs);
                    w.WriteNumber("parameters", input.Network.ParameterCount);
                    w.WriteBoolean("standardized", input.Network.Standardization is not null);
                });
                return FastNetCli.Ok;
            }
            output.WriteLine($"wrote {path}: {TrainCommand.Describe(input.Network)}, opset {OnnxNames.Opset}, input \"{OnnxNames.Input}\" [batch, {input.Network.Inputs}], output \"{OnnxNames.Output}\" [batch, {input.Network.Outputs}]");
            return FastNetCli.Ok;
        });
        return command;
    }
}
