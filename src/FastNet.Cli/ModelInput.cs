using System.Text.Json;
using FastNet.Onnx;
using FastNet.Serialization;

namespace FastNet.Cli;

/// <summary>A model read from a FastNet model file (JSON) or an ONNX file, with the file's format and version.</summary>
internal sealed record ModelInput(Network Network, string Format, long Version)
{
    public static bool IsOnnx(string path) => Path.GetExtension(path).Equals(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads <paramref name="path"/>: ONNX when it ends in <c>.onnx</c>, FastNet JSON otherwise.</summary>
    public static ModelInput Load(string path, int maxBatch = 256)
    {
        if (IsOnnx(path))
        {
            ImportedModel imported = OnnxImport.Load(path, maxBatch);
            return new ModelInput(imported.Network, "onnx", imported.Opset);
        }
        Network network = ModelFile.Load(path, maxBatch);
        using JsonDocument document = JsonInput.Parse(path);
        long version = document.RootElement.GetProperty("version").GetInt64(); // checked by ModelFile.Load
        return new ModelInput(network, ModelFile.FormatName, version);
    }
}
