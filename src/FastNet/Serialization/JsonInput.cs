using System.Globalization;
using System.Text.Json;

namespace FastNet.Serialization;

/// <summary>
/// Reading helpers shared by the JSON loaders: every failure becomes a <see cref="FastNetFormatException"/> that names
/// the file and the JSON path (<c>$.layers[0].weights[2][1]</c>) or line and column.
/// </summary>
internal static class JsonInput
{
    /// <summary>Files larger than this are refused before they are read.</summary>
    public const long MaxFileBytes = 1L << 31;

    /// <summary>The most numbers one array of rows (features, targets, weights) may hold.</summary>
    public const long MaxValues = 1L << 30;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>Reads and parses <paramref name="file"/>; the caller disposes the document.</summary>
    public static JsonDocument Parse(string file)
    {
        byte[] bytes = ReadBytes(file);
        return Parse(file, bytes);
    }

    /// <summary>Parses <paramref name="bytes"/> (a UTF-8 BOM is skipped, as in CSV); the caller disposes the document.</summary>
    public static JsonDocument Parse(string file, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        try
        {
            return JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}"
                : DuplicatePath(bytes) ?? e.Path ?? "";
            throw new FastNetFormatException(file, where, "invalid JSON (" + OneLine(FirstSentence(e.Message)) + ")");
        }
    }

    /// <summary>What messages call data read from a stream.</summary>
    public const string StreamName = "(stream)";

    /// <summary>Reads <paramref name="stream"/> to its end (at most <see cref="MaxFileBytes"/>); failures name it <see cref="StreamName"/>.</summary>
    public static byte[] ReadBytes(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("the stream cannot be read", nameof(stream));
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxFileBytes)
                    throw new FastNetFormatException(StreamName, "", $"holds more than FastNet reads ({MaxFileBytes} bytes)");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new FastNetFormatException(StreamName, "", "cannot read: " + e.Message);
        }
    }

    // The parser reports a duplicate property without a place: find the first object holding one and name its path.
    private static string? DuplicatePath(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes, Options with { AllowDuplicateProperties = true });
            return DuplicatePath(document.RootElement, "$");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)   // e.g. a name that is not valid UTF-8
        {
            return null;
        }
    }

    private static string? DuplicatePath(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
                if (!names.Add(property.Name)) return $"{path}.{Printable(property.Name)}";
            foreach (JsonProperty property in element.EnumerateObject())
                if (DuplicatePath(property.Value, $"{path}.{Printable(property.Name)}") is { } found) return found;
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement item in element.EnumerateArray())
                if (DuplicatePath(item, $"{path}[{i++}]") is { } found) return found;
        }
        return null;
    }

    /// <summary>
    /// A class label: a whole number from 0 to <see cref="Data.Dataset.MaxLabel"/>, written as an integer or with a zero
    /// fraction (<c>1</c>, <c>1.0</c>, <c>1e0</c>), the same rule as a CSV label column.
    /// </summary>
    public static int Label(string file, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && !element.TryGetInt64(out _) && element.TryGetDouble(out double d)
            && d == Math.Floor(d) && d >= 0 && d <= Data.Dataset.MaxLabel)
            return (int)d;
        return Int(file, element, path, 0, Data.Dataset.MaxLabel);
    }

    public static byte[] ReadBytes(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
                throw new FastNetFormatException(file, "", Directory.Exists(file) ? "is a folder, not a file" : "file not found");
            // checked before opening: a FIFO would block until a writer comes, a device may never end
            if (FileProbe.Of(file) == FileKind.Special)
                throw new FastNetFormatException(file, "", "is not a regular file (a device, FIFO or socket); FastNet reads only regular files");
            if (info.Length > MaxFileBytes)
                throw new FastNetFormatException(file, "", $"the file is {info.Length} bytes, larger than FastNet reads ({MaxFileBytes})");
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastNetFormatException(file, "", $"cannot read ({OutputTarget.SystemReason(e)})");
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FastNetFormatException(file, "", "is not a valid file name");
        }
    }

    public static JsonElement Object(string file, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw WrongType(file, path, "an object", element);
        return element;
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement Required(string file, JsonElement obj, string path, string name) =>
        Optional(obj, name) ?? throw new FastNetFormatException(file, path, $"missing \"{name}\"");

    public static string String(string file, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String) throw WrongType(file, path, "a string", element);
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FastNetFormatException(file, path, "is not valid UTF-8 text");
        }
    }

    public static int Int(string file, JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long value))
            throw WrongType(file, path, "a whole number", element);
        if (value < min || value > max)
            throw new FastNetFormatException(file, path, $"{value} is out of range ({min} to {max})");
        return (int)value;
    }

    public static float Float(string file, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number) throw WrongType(file, path, "a number", element);
        if (!element.TryGetSingle(out float value) || !float.IsFinite(value))
            throw new FastNetFormatException(file, path, $"{Clip(element.GetRawText())} is not a finite single-precision number");
        return value;
    }

    public static int ArrayLength(string file, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array) throw WrongType(file, path, "an array", element);
        return element.GetArrayLength();
    }

    /// <summary>Reads an array of exactly <paramref name="expected"/> numbers (any length when negative) into <paramref name="destination"/>.</summary>
    public static int FloatRow(string file, JsonElement element, string path, int expected, Span<float> destination)
    {
        int length = ArrayLength(file, element, path);
        if (expected >= 0 && length != expected)
            throw new FastNetFormatException(file, path, $"has {length} numbers, expected {expected}");
        if (length > destination.Length)
            throw new FastNetFormatException(file, path, $"has {length} numbers, more than the {destination.Length} that fit");
        int i = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            destination[i] = Float(file, item, $"{path}[{i}]");
            i++;
        }
        return length;
    }

    /// <summary>
    /// Checks that <paramref name="element"/> is an array of arrays that all have the length of the first, and returns
    /// (rows, width) without allocating anything, so a caller can size its buffer from lengths that are really there.
    /// </summary>
    public static (int Rows, int Width) Matrix(string file, JsonElement element, string path, string what)
    {
        int rows = ArrayLength(file, element, path);
        int width = -1;
        int i = 0;
        foreach (JsonElement row in element.EnumerateArray())
        {
            int length = ArrayLength(file, row, $"{path}[{i}]");
            if (width < 0)
            {
                width = length;
                if (width == 0) throw new FastNetFormatException(file, $"{path}[{i}]", $"has no {what}");
            }
            else if (length != width)
            {
                throw new FastNetFormatException(file, $"{path}[{i}]", $"has {length} numbers, expected {width}");
            }
            i++;
        }
        width = Math.Max(width, 0);
        if ((long)rows * width > MaxValues)
            throw new FastNetFormatException(file, path, $"holds {(long)rows * width} numbers, more than FastNet reads ({MaxValues})");
        return (rows, width);
    }

    /// <summary>A string from a file made safe to put in a one-line message, in double quotes: see <see cref="Printable"/>.</summary>
    public static string Quote(string text) => "\"" + Printable(text) + "\"";

    /// <summary>
    /// A string from a file made safe for a one-line message: control and format characters, line separators, lone
    /// surrogates, quotes and backslashes as \uXXXX; cut after 40 characters.
    /// </summary>
    public static string Printable(string text)
    {
        var shown = new System.Text.StringBuilder();
        foreach (char c in text.Length <= 40 ? text : text[..40])
        {
            bool unsafeChar = c is '"' or '\\' || CharUnicodeInfo.GetUnicodeCategory(c) is
                UnicodeCategory.Control or UnicodeCategory.Format or
                UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or
                UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or
                UnicodeCategory.OtherNotAssigned;
            if (unsafeChar) shown.Append($"\\u{(int)c:x4}");
            else shown.Append(c);
        }
        return text.Length <= 40 ? shown.ToString() : shown.Append("...").ToString();
    }

    public static FastNetFormatException WrongType(string file, string path, string expected, JsonElement actual) =>
        new(file, path, $"expected {expected}, found {Describe(actual)}");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "the number " + Clip(element.GetRawText()),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    // The parser's message quotes the bad text, which may hold line breaks or run for megabytes.
    private static string OneLine(string text)
    {
        var line = new System.Text.StringBuilder();
        foreach (char c in text.Length <= 160 ? text : text[..160]) line.Append(char.IsControl(c) ? ' ' : c);
        if (text.Length > 160) line.Append("...");
        return line.ToString();
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        string text = cut < 0 ? message : message[..cut];
        return text.TrimEnd('.');
    }
}
