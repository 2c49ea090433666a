using System.Globalization;
using System.Text.Json;
using FastNet.Training;

namespace FastNet.Serialization;

/// <summary>
/// The checkpoint JSON format (version 1): <c>{"format": "fastnet-checkpoint", "version": 1, "epoch": E, "step": S,
/// "random": "RNG state", "maxBatch": B, "command": [...], "optimizerState": {"length": N, "checksum": "sha256:…",
/// "float32le": "base64"}, "model": {a model object, with its own checksum}}</c>. The optimizer state is the network's
/// whole optimizer slice, whatever the rule keeps there, as little-endian IEEE bytes so every bit survives.
/// </summary>
internal static class CheckpointFile
{
    public const string FormatName = "fastnet-checkpoint";
    public const int Version = 1;

    public static void Save(string path, Network network, int epoch, int step, ulong randomState, IReadOnlyList<string> command)
    {
        network.Enter();
        try
        {
            AtomicFile.Write(path, stream =>
            {
                using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                json.WriteStartObject();
                json.WriteString("format", FormatName);
                json.WriteNumber("version", Version);
                json.WriteNumber("epoch", epoch);
                json.WriteNumber("step", step);
                json.WriteString("random", randomState.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("maxBatch", network.MaxBatch);
                json.WriteStartArray("command");
                foreach (string arg in command) json.WriteStringValue(arg);
                json.WriteEndArray();
                ReadOnlySpan<float> state = network.OptimizerState;
                json.WriteStartObject("optimizerState");
                json.WriteNumber("length", state.Length);
                json.WriteString("checksum", WeightChecksum.Compute(state));
                json.WriteBase64String("float32le", LittleEndianFloats.Bytes(state));
                json.WriteEndObject();
                json.WritePropertyName("model");
                ModelFile.WriteObject(network, json);
                json.WriteEndObject();
            });
        }
        finally
        {
            network.Exit();
        }
    }

    public static TrainingCheckpoint Read(string file, ReadOnlyMemory<byte> bytes, int? maxBatch)
    {
        using JsonDocument document = JsonInput.Parse(file, bytes);
        JsonElement root = JsonInput.Object(file, document.RootElement, "$");
        string format = JsonInput.String(file, JsonInput.Required(file, root, "$", "format"), "$.format");
        if (format != FormatName)
            throw new FastNetFormatException(file, "$.format", $"is {JsonInput.Quote(format)}, expected \"{FormatName}\"");
        int version = JsonInput.Int(file, JsonInput.Required(file, root, "$", "version"), "$.version", 1, int.MaxValue);
        if (version > Version)
            throw new FastNetFormatException(file, "$.version", $"is {version}, newer than this FastNet reads ({Version}); upgrade FastNet");
        int epoch = JsonInput.Int(file, JsonInput.Required(file, root, "$", "epoch"), "$.epoch", 0, int.MaxValue);
        int step = JsonInput.Int(file, JsonInput.Required(file, root, "$", "step"), "$.step", 0, int.MaxValue);
        string random = JsonInput.String(file, JsonInput.Required(file, root, "$", "random"), "$.random");
        if (!ulong.TryParse(random, NumberStyles.None, CultureInfo.InvariantCulture, out ulong randomState))
            throw new FastNetFormatException(file, "$.random", $"is {JsonInput.Quote(random)}, not a whole number from 0 to {ulong.MaxValue}");
        int plannedBatch = maxBatch ?? JsonInput.Int(file, JsonInput.Required(file, root, "$", "maxBatch"), "$.maxBatch", 1, 1 << 24);

        var command = new List<string>();
        if (JsonInput.Optional(root, "command") is { } commandElement)
        {
            int count = JsonInput.ArrayLength(file, commandElement, "$.command");
            if (count > 1000) throw new FastNetFormatException(file, "$.command", $"has {count} arguments, more than 1000");
            foreach (JsonElement arg in commandElement.EnumerateArray())
                command.Add(JsonInput.String(file, arg, $"$.command[{command.Count}]"));
        }

        JsonElement stateElement = JsonInput.Object(file, JsonInput.Required(file, root, "$", "optimizerState"), "$.optimizerState");
        int length = JsonInput.Int(file, JsonInput.Required(file, stateElement, "$.optimizerState", "length"), "$.optimizerState.length", 0, int.MaxValue);
        string checksum = JsonInput.String(file, JsonInput.Required(file, stateElement, "$.optimizerState", "checksum"), "$.optimizerState.checksum");
        if (!WeightChecksum.IsWellFormed(checksum))
            throw new FastNetFormatException(file, "$.optimizerState.checksum", $"is {JsonInput.Quote(checksum)}, not \"{WeightChecksum.Prefix}\" and 64 hex digits");
        JsonElement data = JsonInput.Required(file, stateElement, "$.optimizerState", "float32le");
        if (data.ValueKind != JsonValueKind.String) throw JsonInput.WrongType(file, "$.optimizerState.float32le", "a base64 string", data);

        Network network = ModelFile.Read(file, JsonInput.Required(file, root, "$", "model"), plannedBatch, "$.model");
        Span<float> state = network.OptimizerState;
        if (length != state.Length)
            throw new FastNetFormatException(file, "$.optimizerState.length", $"is {length}, but the model's optimizer keeps {state.Length} numbers");
        // The base64 text is really in the file, so decoding it allocates no more than the file already holds.
        if (!data.TryGetBytesFromBase64(out byte[]? decoded) || decoded.Length != (long)length * sizeof(float))
            throw new FastNetFormatException(file, "$.optimizerState.float32le", $"is not base64 of {length} little-endian float32 values");
        LittleEndianFloats.Read(decoded, state);
        if (!WeightChecksum.Matches(checksum, state))
            throw new FastNetFormatException(file, "$.optimizerState.checksum", "does not match the optimizer state (the file is damaged or was edited)");
        return new TrainingCheckpoint(network, epoch, step, randomState, command);
    }
}
