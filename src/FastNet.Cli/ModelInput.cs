using System.Text.Json;
using FastNet.Onnx;
using FastNet.Serialization;

namespace FastNet.Cli;

/// <summary>A model read from a FastNet model file (JSON) or an ONNX file, with what the commands report about it.</summary>
internal sealed record ModelInput(Network Network, Standardization? Standardization, string Format, long Version)
{
    public static bool IsOnnx(string path) => Path.GetExtension(path).Equals(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads <paramref name="path"/>: ONNX when it ends in <c>.onnx</c>, FastNet JSON otherwise.</summary>
    public static ModelInput Load(string path, int maxBatch = 256)
    {
        if (IsOnnx(path))
        {
            ImportedModel imported = OnnxImport.Load(path, maxBatch);
            return new ModelInput(imported.Network, imported.Standardization, "onnx", imported.Opset);
        }
        using JsonDocument document = JsonInput.Parse(path);
        Network network = ModelFile.Read(path, document.RootElement, maxBatch);
        Standardization? standardization = Standardization.Read(path, document.RootElement);
        long version = document.RootElement.GetProperty("version").GetInt64(); // checked by ModelFile.Read
        return new ModelInput(network, standardization, ModelFile.FormatName, version);
    }

    /// <summary>Predicts raw (unstandardised) inputs: standardises a copy when the model carries a standardisation.</summary>
    public float[] Predict(ReadOnlySpan<float> x)
    {
        if (Standardization is null) return Network.Predict(x);
        float[] standardized = x.ToArray();
        Standardization.Apply(standardized, standardized);
        return Network.Predict(standardized);
    }

    /// <summary>Saves <paramref name="network"/> as a FastNet model file with an optional <c>"standardize"</c> field, atomically.</summary>
    public static void Save(Network network, Standardization? standardization, string path)
    {
        if (standardization is null)
        {
            ModelFile.Save(network, path);
            return;
        }
        using var buffer = new MemoryStream();
        ModelFile.Write(network, buffer);
        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            foreach (JsonProperty property in document.RootElement.EnumerateObject()) property.WriteTo(json);
            json.WritePropertyName("standardize");
            standardization.WriteJson(json);
            json.WriteEndObject();
        });
    }
}
