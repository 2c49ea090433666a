using System.Text.Json;
using FastNet.Training;

namespace FastNet.Serialization;

/// <summary>
/// The optional <c>"history"</c> of a checkpoint: the epochs recorded before it, so a resumed run's history is the whole
/// run's. <c>{"firstEpoch": F, "length": N, "loss": F64, "accuracy": F64, "validationLoss": F64, "validationAccuracy":
/// F64, "learningRate": F32}</c>, each column base64 of N little-endian IEEE values (NaN where a record has no such
/// measurement), so every bit survives and 20,000 epochs cost about a megabyte, written in milliseconds.
/// </summary>
internal static class CheckpointHistory
{
    public const string Name = "history";

    public static void Write(Utf8JsonWriter json, IReadOnlyList<EpochRecord> epochs)
    {
        int n = epochs.Count;
        json.WriteStartObject(Name);
        json.WriteNumber("firstEpoch", n == 0 ? 1 : epochs[0].Epoch);
        json.WriteNumber("length", n);
        WriteColumn(json, "loss", epochs, e => e.Loss);
        WriteColumn(json, "accuracy", epochs, e => e.Accuracy ?? double.NaN);
        WriteColumn(json, "validationLoss", epochs, e => e.ValidationLoss ?? double.NaN);
        WriteColumn(json, "validationAccuracy", epochs, e => e.ValidationAccuracy ?? double.NaN);
        var rates = new float[n];
        for (int i = 0; i < n; i++) rates[i] = epochs[i].LearningRate;
        json.WriteBase64String("learningRate", LittleEndianFloats.Bytes(rates));
        json.WriteEndObject();
    }

    /// <summary>The records of <c>$.history</c>, which must end at the checkpoint's <paramref name="epoch"/>.</summary>
    public static EpochRecord[] Read(string file, JsonElement history, int epoch)
    {
        const string Path = "$." + Name;
        JsonElement h = JsonInput.Object(file, history, Path);
        int length = JsonInput.Int(file, JsonInput.Required(file, h, Path, "length"), Path + ".length", 0, epoch);
        int first = JsonInput.Int(file, JsonInput.Required(file, h, Path, "firstEpoch"), Path + ".firstEpoch", 1, int.MaxValue);
        if (length > 0 && (long)first + length - 1 != epoch)
            throw new FastNetFormatException(file, Path + ".firstEpoch",
                $"is {first}, but {length} epochs from it do not end at the checkpoint's epoch {epoch}");
        double[] loss = ReadColumn(file, h, "loss", length);
        double[] accuracy = ReadColumn(file, h, "accuracy", length);
        double[] validationLoss = ReadColumn(file, h, "validationLoss", length);
        double[] validationAccuracy = ReadColumn(file, h, "validationAccuracy", length);
        var rates = new float[length];
        LittleEndianFloats.Read(Decode(file, h, "learningRate", length, sizeof(float)), rates);
        var records = new EpochRecord[length];
        for (int i = 0; i < length; i++)
        {
            records[i] = new EpochRecord(first + i, loss[i])
            {
                Accuracy = Present(accuracy[i]),
                ValidationLoss = Present(validationLoss[i]),
                ValidationAccuracy = Present(validationAccuracy[i]),
                LearningRate = rates[i],
            };
        }
        return records;
    }

    private static double? Present(double value) => double.IsNaN(value) ? null : value;

    private static void WriteColumn(Utf8JsonWriter json, string name, IReadOnlyList<EpochRecord> epochs, Func<EpochRecord, double> value)
    {
        var column = new double[epochs.Count];
        for (int i = 0; i < column.Length; i++) column[i] = value(epochs[i]);
        json.WriteBase64String(name, LittleEndianFloats.Bytes(column));
    }

    private static double[] ReadColumn(string file, JsonElement history, string name, int length)
    {
        var column = new double[length];
        LittleEndianFloats.Read(Decode(file, history, name, length, sizeof(double)), column);
        return column;
    }

    private static byte[] Decode(string file, JsonElement history, string name, int length, int size)
    {
        string path = $"$.{Name}.{name}";
        string text = JsonInput.String(file, JsonInput.Required(file, history, "$." + Name, name), path);
        var bytes = new byte[(long)length * size];
        if (!Convert.TryFromBase64String(text, bytes, out int written) || written != bytes.Length)
            throw new FastNetFormatException(file, path, $"is not base64 of {length} little-endian float{size * 8} values");
        return bytes;
    }
}
