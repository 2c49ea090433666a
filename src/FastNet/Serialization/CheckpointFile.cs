using System.Globalization;
using System.Text.Json;
using FastNet.Training;

namespace FastNet.Serialization;

/// <summary>
/// The checkpoint JSON format (version 2): <c>{"format": "fastnet-checkpoint", "version": 2, "maxBatch": B,
/// "command": [...], "trainer": {"epoch", "step", "random", "bestEpoch", "halvings", "rateScale", "bestLoss",
/// "badEpochs", "data"}, "state": {"optimizer": SLICE, "lastGood": SLICE, "previousGood": SLICE, "best": SLICE},
/// "model": {a model object, with its own checksum}, "history": {optional, see <see cref="CheckpointHistory"/>}}</c>, where a SLICE is <c>{"length": N, "checksum": "sha256:…",
/// "float32le": "base64"}</c>: a region of the trainer's memory as little-endian IEEE bytes, so every bit (NaN payloads
/// too) survives. The optimizer slice holds as many vectors as the rule keeps (0, 1 or 2 per parameter) and "best" is
/// empty without early stopping; version 1 (which always held 2 vectors and a best copy) is refused with a clear error.
/// </summary>
internal static class CheckpointFile
{
    public const string FormatName = "fastnet-checkpoint";
    public const int Version = 2;

    public static void Save(string path, Trainer run, IReadOnlyList<string> command, IReadOnlyList<EpochRecord>? history) =>
        AtomicFile.Write(path, stream => Save(stream, run, command, history));

    public static void Save(Stream stream, Trainer run, IReadOnlyList<string> command, IReadOnlyList<EpochRecord>? history)
    {
        Network network = run.Network;
        TrainingCheckpoint.TrainerState trainer = TrainingCheckpoint.Capture(run);
        network.Enter();
        try
        {
            {
                using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                json.WriteStartObject();
                json.WriteString("format", FormatName);
                json.WriteNumber("version", Version);
                json.WriteNumber("maxBatch", network.MaxBatch);
                json.WriteStartArray("command");
                foreach (string arg in command) json.WriteStringValue(arg);
                json.WriteEndArray();
                json.WriteStartObject("trainer");
                json.WriteNumber("epoch", trainer.Epoch);
                json.WriteNumber("step", trainer.Step);
                json.WriteString("random", trainer.RandomState.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("bestEpoch", trainer.BestEpoch);
                json.WriteNumber("halvings", trainer.Halvings);
                json.WriteNumber("rateScale", trainer.RateScale);
                json.WriteString("bestLoss", trainer.BestLoss.ToString("R", CultureInfo.InvariantCulture));
                json.WriteNumber("badEpochs", trainer.BadEpochs);
                if (trainer.DataChecksum is { } data) json.WriteString("data", data);
                json.WriteEndObject();
                json.WriteStartObject("state");
                WriteSlice(json, "optimizer", run.OptimizerState);
                WriteSlice(json, "lastGood", run.LastGoodParameters);
                WriteSlice(json, "previousGood", run.PreviousGoodParameters);
                WriteSlice(json, "best", run.BestParameters);
                json.WriteEndObject();
                json.WritePropertyName("model");
                ModelFile.WriteObject(network, json);
                if (history is not null) CheckpointHistory.Write(json, history);
                json.WriteEndObject();
            }
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
        if (version < Version)
            throw new FastNetFormatException(file, "$.version",
                $"is {version}, from an older FastNet whose checkpoints kept the trainer's state in another layout; this FastNet reads version {Version}: start the run again");
        int plannedBatch = maxBatch ?? JsonInput.Int(file, JsonInput.Required(file, root, "$", "maxBatch"), "$.maxBatch", 1, 1 << 24);

        var command = new List<string>();
        if (JsonInput.Optional(root, "command") is { } commandElement)
        {
            int count = JsonInput.ArrayLength(file, commandElement, "$.command");
            if (count > 1000) throw new FastNetFormatException(file, "$.command", $"has {count} arguments, more than 1000");
            foreach (JsonElement arg in commandElement.EnumerateArray())
                command.Add(JsonInput.String(file, arg, $"$.command[{command.Count}]"));
        }

        JsonElement t = JsonInput.Object(file, JsonInput.Required(file, root, "$", "trainer"), "$.trainer");
        var trainer = new TrainingCheckpoint.TrainerState(
            Epoch: Count(file, t, "epoch"),
            Step: Count(file, t, "step"),
            RandomState: ParseText<ulong>(file, t, "random", text =>
                ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : (ulong?)null, "a whole number from 0 to 2^64 − 1"),
            BestEpoch: Count(file, t, "bestEpoch"),
            Halvings: Count(file, t, "halvings"),
            RateScale: JsonInput.Float(file, JsonInput.Required(file, t, "$.trainer", "rateScale"), "$.trainer.rateScale"),
            BestLoss: ParseText<double>(file, t, "bestLoss", text =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : (double?)null, "a number or Infinity"),
            BadEpochs: Count(file, t, "badEpochs"),
            DataChecksum: JsonInput.Optional(t, "data") is { } d ? Checksum(file, d, "$.trainer.data") : null);
        CheckTrainer(file, trainer);

        // The model first: its weights, checked against the arrays in the file, fix every slice's length.
        Network network = ModelFile.Read(file, JsonInput.Required(file, root, "$", "model"), plannedBatch, "$.model");
        JsonElement state = JsonInput.Object(file, JsonInput.Required(file, root, "$", "state"), "$.state");
        int p = network.ParameterCount;
        var slices = new TrainingCheckpoint.TrainerMemory(
            ReadSlice(file, state, "optimizer", p, Optimizer.MaxStateVectors),
            ReadSlice(file, state, "lastGood", p, 1),
            ReadSlice(file, state, "previousGood", p, 1),
            ReadSlice(file, state, "best", p, 1));
        EpochRecord[] history = JsonInput.Optional(root, CheckpointHistory.Name) is { } h ? CheckpointHistory.Read(file, h, trainer.Epoch) : [];
        return new TrainingCheckpoint(network, trainer, slices, command, history);
    }

    private static void WriteSlice(Utf8JsonWriter json, string name, ReadOnlySpan<float> values)
    {
        json.WriteStartObject(name);
        json.WriteNumber("length", values.Length);
        json.WriteString("checksum", WeightChecksum.Compute(values));
        json.WriteBase64String("float32le", LittleEndianFloats.Bytes(values));
        json.WriteEndObject();
    }

    // a slice of 0 to maxVectors whole vectors of the model's parameterCount floats (which the trainer checks on resume)
    private static float[] ReadSlice(string file, JsonElement state, string name, int parameterCount, int maxVectors)
    {
        string path = "$.state." + name;
        JsonElement slice = JsonInput.Object(file, JsonInput.Required(file, state, "$.state", name), path);
        int length = JsonInput.Int(file, JsonInput.Required(file, slice, path, "length"), path + ".length", 0, int.MaxValue);
        if (length % parameterCount != 0 || length / parameterCount > maxVectors)
            throw new FastNetFormatException(file, path + ".length",
                $"is {length}, but the model needs 0{(maxVectors > 1 ? $" to {maxVectors} vectors" : " or 1 vector")} of {parameterCount} numbers here");
        string checksum = JsonInput.String(file, JsonInput.Required(file, slice, path, "checksum"), path + ".checksum");
        if (!WeightChecksum.IsWellFormed(checksum))
            throw new FastNetFormatException(file, path + ".checksum", $"is {JsonInput.Quote(checksum)}, not \"{WeightChecksum.Prefix}\" and 64 hex digits");
        string text = JsonInput.String(file, JsonInput.Required(file, slice, path, "float32le"), path + ".float32le");
        // The length is the model's (checked above), and the text must be long enough for it before anything is allocated.
        long bytes = (long)length * sizeof(float);
        if (bytes > (long)text.Length / 4 * 3)
            throw new FastNetFormatException(file, path + ".float32le", $"is not base64 of {length} little-endian float32 values");
        var decoded = new byte[bytes];
        if (!Convert.TryFromBase64String(text, decoded, out int written) || written != decoded.Length)
            throw new FastNetFormatException(file, path + ".float32le", $"is not base64 of {length} little-endian float32 values");
        var values = new float[length];
        LittleEndianFloats.Read(decoded, values);
        if (!WeightChecksum.Matches(checksum, values))
            throw new FastNetFormatException(file, path + ".checksum", "does not match the values (the file is damaged or was edited)");
        return values;
    }

    private static string Checksum(string file, JsonElement element, string path)
    {
        string checksum = JsonInput.String(file, element, path);
        if (!WeightChecksum.IsWellFormed(checksum))
            throw new FastNetFormatException(file, path, $"is {JsonInput.Quote(checksum)}, not \"{WeightChecksum.Prefix}\" and 64 hex digits");
        return checksum;
    }

    // The counters must be ones a run can reach: the rate is halved only by the divergence policy, at most MaxHalvings
    // times; the best and the bad epochs are among those run; a loss is never negative or NaN.
    private static void CheckTrainer(string file, TrainingCheckpoint.TrainerState t)
    {
        if (t.Halvings > Trainer.MaxHalvings)
            throw new FastNetFormatException(file, "$.trainer.halvings", $"is {t.Halvings}, more than the {Trainer.MaxHalvings} halvings a run makes");
        if (t.RateScale != MathF.Pow(0.5f, t.Halvings))
            throw new FastNetFormatException(file, "$.trainer.rateScale",
                $"is {t.RateScale.ToString(CultureInfo.InvariantCulture)}, but {t.Halvings} halvings make {MathF.Pow(0.5f, t.Halvings).ToString(CultureInfo.InvariantCulture)}");
        if (t.BestEpoch > t.Epoch)
            throw new FastNetFormatException(file, "$.trainer.bestEpoch", $"is {t.BestEpoch}, after the {t.Epoch} epochs run");
        if (t.BadEpochs > t.Epoch)
            throw new FastNetFormatException(file, "$.trainer.badEpochs", $"is {t.BadEpochs}, more than the {t.Epoch} epochs run");
        if (!(t.BestLoss >= 0))
            throw new FastNetFormatException(file, "$.trainer.bestLoss", $"is {t.BestLoss.ToString(CultureInfo.InvariantCulture)}, not a loss (≥ 0, or Infinity before any validation)");
    }

    private static int Count(string file, JsonElement trainer, string name) =>
        JsonInput.Int(file, JsonInput.Required(file, trainer, "$.trainer", name), "$.trainer." + name, 0, int.MaxValue);

    private static T ParseText<T>(string file, JsonElement trainer, string name, Func<string, T?> parse, string expected) where T : struct
    {
        string text = JsonInput.String(file, JsonInput.Required(file, trainer, "$.trainer", name), "$.trainer." + name);
        return parse(text) ?? throw new FastNetFormatException(file, "$.trainer." + name, $"is {JsonInput.Quote(text)}, not {expected}");
    }
}
