using System.Text.Json;
using FastNet.Serialization;

namespace FastNet.Training;

/// <summary>
/// The history file: <c>{"epochs": [{"epoch": 1, "loss": L, "accuracy": A, "validationLoss": V, "validationAccuracy": VA,
/// "learningRate": R}, ...], "bestEpoch": B, "stoppedEarly": false, "diverged": false, "halvings": 0, "message": null,
/// "milliseconds": T}</c>; absent measurements are null.
/// </summary>
internal static class TrainingHistoryJson
{
    public static void Write(TrainingHistory history, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("epochs");
        foreach (EpochRecord e in history.Epochs)
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", e.Epoch);
            json.WriteNumberOrNull("loss", e.Loss);
            json.WriteNumberOrNull("accuracy", e.Accuracy);
            json.WriteNumberOrNull("validationLoss", e.ValidationLoss);
            json.WriteNumberOrNull("validationAccuracy", e.ValidationAccuracy);
            json.WriteNumber("learningRate", e.LearningRate);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("bestEpoch", history.BestEpoch);
        json.WriteBoolean("stoppedEarly", history.StoppedEarly);
        json.WriteBoolean("diverged", history.Diverged);
        json.WriteNumber("halvings", history.Halvings);
        if (history.Message is null) json.WriteNull("message"); else json.WriteString("message", history.Message);
        json.WriteNumber("milliseconds", history.Elapsed.TotalMilliseconds);
        json.WriteEndObject();
    }

}
