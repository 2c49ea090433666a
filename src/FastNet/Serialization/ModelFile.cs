using System.Text.Json;
using FastNet.Data;

namespace FastNet.Serialization;

/// <summary>
/// The model JSON format (version 1):
/// <c>{"format": "fastnet-model", "version": 1, "inputs": 2, "loss": "sse", "layers": [{"type": "dense", "units": 4,
/// "activation": "sigmoid", "weights": [[...], ...], "bias": [...]}]}</c>. <c>weights</c> has one row per input and one
/// column per unit (z = x·W + b); <c>bias</c> is null for a layer without bias; <c>classes</c> (optional) names the
/// classes the outputs stand for. Floats round-trip bit-exactly; readers
/// ignore unknown fields and take a missing loss as sse. <c>checksum</c> (<c>"sha256:…"</c> over the weights) is written
/// on save and verified on load when present.
/// </summary>
public static class ModelFile
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "fastnet-model";

    /// <summary>The newest format version this build reads and the one it writes.</summary>
    public const int Version = 1;

    /// <summary>The most units a layer, or inputs a model, may declare; larger is refused before anything is allocated.</summary>
    public const int MaxWidth = ModelLimits.MaxWidth;

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        AtomicFile.Write(path, stream => Save(network, stream));
    }

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/> (which stays open).</summary>
    public static void Save(Network network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        network.Enter();   // no training step may change the weights between the checksum and the last number
        try
        {
            Write(network, stream);
        }
        finally
        {
            network.Exit();
        }
    }

    /// <summary>Reads a model file into a new network planned for batches of up to <paramref name="maxBatch"/> samples.</summary>
    /// <exception cref="FastNetFormatException">The file is missing or malformed; the message names the file and JSON path.</exception>
    public static Network Load(string path, int maxBatch = 256)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(path, JsonInput.ReadBytes(path), maxBatch);
    }

    /// <summary>Reads a model from <paramref name="stream"/> (to its end; the stream stays open) into a new network planned for batches of up to <paramref name="maxBatch"/> samples.</summary>
    /// <exception cref="FastNetFormatException">The data is malformed; the message names the JSON path.</exception>
    public static Network Load(Stream stream, int maxBatch = 256) => Read(JsonInput.StreamName, JsonInput.ReadBytes(stream), maxBatch);

    /// <summary>The lower-case name used in files and on the command line (<c>sigmoid</c>, <c>ce</c>, ...).</summary>
    public static string Name(Activation activation) => activation.ToString().ToLowerInvariant();

    /// <summary>The lower-case name used in files and on the command line.</summary>
    public static string Name(Loss loss) => loss switch
    {
        Loss.CrossEntropy => "ce",
        _ => loss.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses an activation name; null when unknown.</summary>
    public static Activation? ParseActivation(string name) => name switch
    {
        "identity" or "linear" => Activation.Identity,
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "softmax" => Activation.Softmax,
        _ => null,
    };

    /// <summary>Parses a loss name (<c>sse</c>, <c>mse</c>, <c>bce</c>, <c>ce</c>); null when unknown.</summary>
    public static Loss? ParseLoss(string name) => name switch
    {
        "sse" => Loss.Sse,
        "mse" => Loss.Mse,
        "bce" => Loss.Bce,
        "ce" => Loss.CrossEntropy,
        _ => null,
    };

    internal static void Write(Network network, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        WriteObject(network, json);
    }

    /// <summary>Writes the model object; the bytes go to the stream as they are made, not all at the end.</summary>
    internal static void WriteObject(Network network, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        json.WriteNumber("version", Version);
        json.WriteNumber("inputs", network.Inputs);
        json.WriteString("loss", Name(network.Loss));
        json.WriteString("checksum", WeightChecksum.Compute(network.Parameters));
        WriteStandardization(json, network.Standardization);
        if (network.ClassNames is { } classes)
        {
            json.WriteStartArray("classes");
            foreach (string name in classes) json.WriteStringValue(name);
            json.WriteEndArray();
        }
        json.WriteStartArray("layers");
        int fanIn = network.Inputs;
        var row = new System.Buffers.ArrayBufferWriter<byte>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            LayerSpec spec = network.Layers[l];
            json.WriteStartObject();
            json.WriteString("type", "dense");
            json.WriteNumber("units", spec.Units);
            json.WriteString("activation", Name(spec.Activation));
            if (spec.Dropout > 0f) json.WriteNumber("dropout", spec.Dropout);
            json.WriteStartArray("weights");
            ReadOnlySpan<float> w = network.Weights(l);
            for (int i = 0; i < fanIn; i++)
            {
                CompactRow.Write(json, w.Slice(i * spec.Units, spec.Units), row);
                if (json.BytesPending > 1 << 16) json.Flush();
            }
            json.WriteEndArray();
            if (spec.Bias)
            {
                json.WritePropertyName("bias");
                CompactRow.Write(json, network.Bias(l), row);
            }
            else
            {
                json.WriteNull("bias");
            }
            json.WriteEndObject();
            fanIn = spec.Units;
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Parses the bytes of a model file; <paramref name="file"/> names it in messages.</summary>
    internal static Network Read(string file, ReadOnlyMemory<byte> bytes, int maxBatch)
    {
        using JsonDocument document = JsonInput.Parse(file, bytes);
        return Read(file, document.RootElement, maxBatch);
    }

    /// <summary>
    /// Reads the model object <paramref name="root"/> found at JSON path <paramref name="at"/>. Every declared size is
    /// checked against the arrays really in the file before the network's memory is allocated.
    /// </summary>
    internal static Network Read(string file, JsonElement root, int maxBatch, string at = "$")
    {
        JsonInput.Object(file, root, at);
        string format = JsonInput.String(file, JsonInput.Required(file, root, at, "format"), at + ".format");
        if (format != FormatName)
            throw new FastNetFormatException(file, at + ".format", $"is {JsonInput.Quote(format)}, expected \"{FormatName}\"");
        int version = JsonInput.Int(file, JsonInput.Required(file, root, at, "version"), at + ".version", 1, int.MaxValue);
        if (version > Version)
            throw new FastNetFormatException(file, at + ".version", $"is {version}, newer than this FastNet reads ({Version}); upgrade FastNet");
        int inputs = JsonInput.Int(file, JsonInput.Required(file, root, at, "inputs"), at + ".inputs", 1, MaxWidth);
        Loss loss = Loss.Sse;
        if (JsonInput.Optional(root, "loss") is { } lossElement)
        {
            string name = JsonInput.String(file, lossElement, at + ".loss");
            loss = ParseLoss(name) ?? throw new FastNetFormatException(file, at + ".loss", $"unknown loss {JsonInput.Quote(name)} (sse, mse, bce, ce)");
        }
        string? checksum = JsonInput.Optional(root, "checksum") is { } c ? JsonInput.String(file, c, at + ".checksum") : null;
        if (checksum is not null && !WeightChecksum.IsWellFormed(checksum))
            throw new FastNetFormatException(file, at + ".checksum", $"is {JsonInput.Quote(checksum)}, not \"{WeightChecksum.Prefix}\" and 64 hex digits");
        JsonElement layersElement = JsonInput.Required(file, root, at, "layers");
        int layerCount = JsonInput.ArrayLength(file, layersElement, at + ".layers");
        if (layerCount == 0) throw new FastNetFormatException(file, at + ".layers", "has no layers");
        if (layerCount > ModelLimits.MaxLayers) throw new FastNetFormatException(file, at + ".layers", $"has {layerCount} layers, more than {ModelLimits.MaxLayers}");

        var specs = new LayerSpec[layerCount];
        int fanIn = inputs;
        int l = 0;
        foreach (JsonElement layer in layersElement.EnumerateArray())
        {
            string path = $"{at}.layers[{l}]";
            JsonInput.Object(file, layer, path);
            string type = JsonInput.Optional(layer, "type") is { } t ? JsonInput.String(file, t, path + ".type") : "dense";
            if (type != "dense") throw new FastNetFormatException(file, path + ".type", $"unknown layer type {JsonInput.Quote(type)} (dense)");
            int units = JsonInput.Int(file, JsonInput.Required(file, layer, path, "units"), path + ".units", 1, MaxWidth);
            string activationName = JsonInput.String(file, JsonInput.Required(file, layer, path, "activation"), path + ".activation");
            Activation activation = ParseActivation(activationName) ?? throw new FastNetFormatException(file, path + ".activation",
                $"unknown activation {JsonInput.Quote(activationName)} (identity, sigmoid, tanh, relu, softmax)");
            (int rows, int width) = JsonInput.Matrix(file, JsonInput.Required(file, layer, path, "weights"), path + ".weights", "weights");
            if (rows != fanIn)
                throw new FastNetFormatException(file, path + ".weights", $"has {rows} rows, expected {fanIn} (one per input of the layer)");
            if (width != units)
                throw new FastNetFormatException(file, path + ".weights[0]", $"has {width} numbers, expected {units}");
            JsonElement? bias = JsonInput.Optional(layer, "bias");
            if (bias is { } b && JsonInput.ArrayLength(file, b, path + ".bias") != units)
                throw new FastNetFormatException(file, path + ".bias", $"has {b.GetArrayLength()} numbers, expected {units}");
            float dropout = JsonInput.Optional(layer, "dropout") is { } p ? JsonInput.Float(file, p, path + ".dropout") : 0f;
            if (!(dropout >= 0f && dropout < 1f))
                throw new FastNetFormatException(file, path + ".dropout", $"is {dropout}; a dropout rate is in [0, 1)");
            specs[l] = new LayerSpec(units, activation, bias is not null, dropout);
            fanIn = units;
            l++;
        }

        Network network;
        try
        {
            network = new Network(inputs, specs, loss, maxBatch);
        }
        catch (FastNetException e) when (e is not FastNetFormatException)
        {
            throw new FastNetFormatException(file, at, e.Message);
        }

        fanIn = inputs;
        l = 0;
        foreach (JsonElement layer in layersElement.EnumerateArray())
        {
            string path = $"{at}.layers[{l}]";
            int units = specs[l].Units;
            Span<float> w = network.Weights(l);
            int i = 0;
            foreach (JsonElement row in layer.GetProperty("weights").EnumerateArray())
            {
                JsonInput.FloatRow(file, row, $"{path}.weights[{i}]", units, w.Slice(i * units, units));
                i++;
            }
            if (specs[l].Bias)
                JsonInput.FloatRow(file, layer.GetProperty("bias"), path + ".bias", units, network.Bias(l));
            fanIn = units;
            l++;
        }
        if (checksum is not null && !WeightChecksum.Matches(checksum, network.Parameters))
            throw new FastNetFormatException(file, at + ".checksum",
                "does not match the weights (the file is damaged or was edited; remove \"checksum\" to accept a hand edit)");
        network.Standardization = ReadStandardization(file, root, inputs, at);
        network.ClassNames = ReadClassNames(file, root, network.ClassCount, at);
        return network;
    }

    // "standardize": {"mean": [...], "std": [...]}: optional, one value per input; x′ = (x − mean) / std before layer 0
    private static void WriteStandardization(Utf8JsonWriter json, Standardization? z)
    {
        if (z is null) return;
        json.WriteStartObject("standardize");
        json.WriteStartArray("mean");
        foreach (float v in z.Mean) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteStartArray("std");
        foreach (float v in z.Std) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // "classes": ["name of class 0", ...]: optional, at most one name per class the network tells apart
    private static string[]? ReadClassNames(string file, JsonElement root, int classCount, string at)
    {
        if (JsonInput.Optional(root, "classes") is not { } element) return null;
        string path = at + ".classes";
        int count = JsonInput.ArrayLength(file, element, path);
        if (count > classCount) throw new FastNetFormatException(file, path, $"has {count} names, but the network tells {classCount} classes apart");
        var names = new string[count];
        int i = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            names[i] = JsonInput.String(file, item, $"{path}[{i}]");
            i++;
        }
        return names;
    }

    // Called once the weights are read, so `inputs` is backed by that many rows really in the file.
    private static Standardization? ReadStandardization(string file, JsonElement root, int inputs, string at)
    {
        if (JsonInput.Optional(root, "standardize") is not { } element) return null;
        string path = at + ".standardize";
        JsonInput.Object(file, element, path);
        var mean = new float[inputs];
        var std = new float[inputs];
        JsonInput.FloatRow(file, JsonInput.Required(file, element, path, "mean"), path + ".mean", inputs, mean);
        JsonInput.FloatRow(file, JsonInput.Required(file, element, path, "std"), path + ".std", inputs, std);
        for (int j = 0; j < inputs; j++)
            if (!(std[j] > 0f)) throw new FastNetFormatException(file, $"{path}.std[{j}]", $"is {std[j]}, not a positive number");
        try
        {
            return new Standardization(mean, std);
        }
        catch (FastNetException e)
        {
            throw new FastNetFormatException(file, path, e.Message);
        }
    }
}
