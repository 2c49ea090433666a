using System.Globalization;
using System.Text;
using FastNet.Serialization;

namespace FastNet.Data;

/// <summary>
/// The dataset CSV format: one sample per line, values separated by commas, numbers in the invariant culture. The first
/// line is a header when any of its fields is not a number; header names are unique. One column holds the label (by
/// default the last; chosen by header name or by 0-based index): a column headed <c>label</c> or <c>class</c> holds class
/// labels (whole numbers from 0 to <see cref="Dataset.MaxLabel"/>, as a JSON file's <c>labels</c>), one headed
/// <c>target</c> one regression target; text that is not a number (in a file with a header) makes every label a class
/// name (the distinct names in ordinal order are classes 0, 1, ...); otherwise whole numbers ≥ 0 make a classification
/// dataset and anything else one regression target. Blank lines are skipped; fields may be wrapped in double quotes; a
/// UTF-8 BOM is skipped.
/// </summary>
internal static class DatasetCsv
{
    /// <summary>Reads <paramref name="file"/>; <paramref name="labelColumn"/> is a header name, a 0-based index, or null for the last column.</summary>
    public static Dataset Read(string file, string? labelColumn = null) => Read(file, JsonInput.ReadBytes(file), labelColumn);

    /// <summary>Reads a CSV dataset from <paramref name="stream"/> to its end.</summary>
    public static Dataset Read(Stream stream, string? labelColumn) => Read(JsonInput.StreamName, JsonInput.ReadBytes(stream), labelColumn);

    /// <summary>Parses the bytes of a CSV dataset; <paramref name="file"/> names it in messages.</summary>
    public static Dataset Read(string file, ReadOnlySpan<byte> bytes, string? labelColumn)
    {
        Table table = ReadTable(file, bytes, labelColumn ?? "");
        int width = table.Width, count = table.Count;
        if (width < 2)
            throw new FastNetFormatException(file, $"line {table.FirstLine}", "has 1 column; a dataset needs at least one feature and a label column");
        string[]? header = table.Header;
        int label = table.Label;
        // a header column named "weight" (not the label) holds the sample weights
        int weight = header is null ? -1 : Array.IndexOf(header, "weight");
        if (weight == label) weight = -1;
        if (weight >= 0 && width < 3) throw new FastNetFormatException(file, $"line {table.FirstLine}", "has a weight and a label column but no feature");
        int featureCount = width - (weight >= 0 ? 2 : 1);
        var x = new float[(long)count * featureCount];
        var column = new double[count];
        float[]? w = weight >= 0 ? new float[count] : null;
        for (int i = 0; i < count; i++)
        {
            int k = 0;
            for (int c = 0; c < width; c++)
            {
                double v = table.Values[i * width + c];
                if (c == label) column[i] = v;
                else if (c == weight) w![i] = (float)v;
                else x[i * featureCount + k++] = (float)v;
            }
        }
        try
        {
            if (table.ClassNames is { } names) return Dataset.Named(x, featureCount, [.. names], description: null).WithSource(file);
            if (IsLabelColumn(file, table, label, column))
            {
                var y = new int[count];
                for (int i = 0; i < count; i++) y[i] = (int)column[i];
                return new Dataset(x, featureCount, labels: y, weights: w) { Source = file };
            }
            var t = new float[count];
            for (int i = 0; i < count; i++) t[i] = (float)column[i];
            return new Dataset(x, featureCount, targets: t, targetWidth: 1, weights: w) { Source = file };
        }
        catch (FastNetException e) when (e is not FastNetFormatException)
        {
            throw new FastNetFormatException(file, "", e.Message);
        }
    }

    /// <summary>
    /// The features of a CSV file for a model with <paramref name="featureCount"/> inputs: every column when the file
    /// has that many, else every column but the label column (see <see cref="Read(string, ReadOnlySpan{byte}, string?)"/>).
    /// </summary>
    public static float[] ReadFeatures(string file, ReadOnlySpan<byte> bytes, int featureCount, string? labelColumn)
    {
        Table table = ReadTable(file, bytes, labelColumn: null);
        int width = table.Width, count = table.Count;
        int skip = width == featureCount && labelColumn is null ? -1
            : width == featureCount + 1 ? LabelIndex(file, labelColumn, table.Header, width)
            : throw new FastNetFormatException(file, $"line {table.FirstLine}",
                $"has {width} column{(width == 1 ? "" : "s")}, but the model takes {featureCount} features (give {featureCount} columns, or {featureCount} and a label column)");
        var x = new float[(long)count * featureCount];
        int k = 0;
        for (int i = 0; i < count; i++)
            for (int c = 0; c < width; c++)
                if (c != skip) x[k++] = (float)table.Values[i * width + c];
        return x;
    }

    // The header, the numbers row after row, the line each row is on, and the label column (−1 when not asked for) with
    // its text when that column holds class names (a 0 stands in each row's value).
    private sealed record Table(string[]? Header, int Width, List<double> Values, List<int> Lines, int FirstLine, int Label,
        List<string>? ClassNames)
    {
        public int Count => Lines.Count;
    }

    // labelColumn: null when no label column is wanted, "" for the last column, else a header name or index
    private static Table ReadTable(string file, ReadOnlySpan<byte> bytes, string? labelColumn)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FastNetFormatException(file, "", "is not UTF-8 text");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];

        string[]? header = null;
        int width = -1, lineNumber = 0, firstLine = 0, label = -1;
        List<string>? names = null;
        var labelTexts = new List<string>();
        var values = new List<double>();
        var lines = new List<int>();
        var fields = new List<string>();
        foreach (ReadOnlySpan<char> rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (rawLine.IsWhiteSpace()) continue;
            Split(file, lineNumber, rawLine, fields);
            if (width < 0)
            {
                width = fields.Count;
                firstLine = lineNumber;
                if (!fields.TrueForAll(IsNumber))
                {
                    header = fields.ToArray();
                    for (int c = 0; c < width; c++)
                        if (Array.IndexOf(header, header[c]) is int first && first < c)
                            throw new FastNetFormatException(file, $"line {lineNumber}, column {c + 1}",
                                $"repeats the header {JsonInput.Quote(header[c])} of column {first + 1} (column names must be unique)");
                    if (labelColumn is not null && width >= 2) label = TableLabel(file, labelColumn, header, width);
                    continue;
                }
                if (labelColumn is not null && width >= 2) label = TableLabel(file, labelColumn, header, width);
            }
            if (fields.Count != width)
                throw new FastNetFormatException(file, $"line {lineNumber}", $"has {fields.Count} value{(fields.Count == 1 ? "" : "s")}, expected {width}");
            for (int c = 0; c < fields.Count; c++)
            {
                bool name = c == label && header is not null && fields[c].Length > 0 && !IsNumber(fields[c])
                    && !header[c].Trim().Equals("target", StringComparison.OrdinalIgnoreCase);
                if (name) names = labelTexts;   // the label column holds text: every label is a class name
                values.Add(name ? 0 : Number(file, lineNumber, c, fields[c], header));
            }
            if (label >= 0) labelTexts.Add(fields[label]);
            lines.Add(lineNumber);
        }
        if (width < 0) throw new FastNetFormatException(file, "", "is empty");
        if (lines.Count == 0) throw new FastNetFormatException(file, "", "has a header but no samples");
        if (lines.Count > DatasetJson.MaxSamples) throw new FastNetFormatException(file, "", $"has {lines.Count} samples, more than {DatasetJson.MaxSamples}");
        return new Table(header, width, values, lines, firstLine, label, names);
    }

    // Labels or one regression target? A column headed "label" or "class" holds labels (and a value that is not one is an
    // error, as in a JSON file's "labels"); one headed "target" holds targets; otherwise, or without a header, whole
    // numbers from 0 to Dataset.MaxLabel make labels and anything else a target.
    private static bool IsLabelColumn(string file, Table table, int label, double[] column)
    {
        string? name = table.Header?[label].Trim().ToLowerInvariant();
        if (name == "target") return false;
        bool named = name is "label" or "class";
        for (int i = 0; i < column.Length; i++)
        {
            double v = column[i];
            if (v >= 0 && v <= Dataset.MaxLabel && v == Math.Floor(v)) continue;
            if (!named) return false;
            string where = $"line {table.Lines[i]}, column {label + 1} ({JsonInput.Printable(table.Header![label])})";
            string text = v.ToString("R", CultureInfo.InvariantCulture);
            throw new FastNetFormatException(file, where, v == Math.Floor(v)
                ? $"{text} is out of range (0 to {Dataset.MaxLabel})"
                : $"expected a whole number, found the number {text}");
        }
        return true;
    }

    /// <summary>Writes a header (<c>x1,...,xN,label</c>, or <c>target</c>/<c>t1,...</c> for regression) and one line per sample.</summary>
    public static void Write(Dataset data, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        var names = new List<string>();
        for (int f = 0; f < data.FeatureCount; f++) names.Add($"x{f + 1}");
        if (data.HasLabels) names.Add("label");
        else if (data.TargetWidth == 1) names.Add("target");
        else for (int k = 0; k < data.TargetWidth; k++) names.Add($"t{k + 1}");
        if (data.HasWeights) names.Add("weight");
        writer.WriteLine(string.Join(',', names));
        var line = new StringBuilder();
        for (int i = 0; i < data.Count; i++)
        {
            line.Clear();
            foreach (float v in data.Row(i)) line.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            if (data.ClassNames is { } classes) line.Append(ClassField(classes[data.Labels[i]]));
            else if (data.HasLabels) line.Append(data.Labels[i].ToString(CultureInfo.InvariantCulture));
            else
            {
                foreach (float v in data.Targets.Slice(i * data.TargetWidth, data.TargetWidth))
                    line.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
                line.Length--;
            }
            if (data.HasWeights) line.Append(',').Append(data.Weights[i].ToString("R", CultureInfo.InvariantCulture));
            writer.WriteLine(line);
        }
    }

    // a class name as a field as it is; the reader splits on commas and knows no escapes, so those names are refused
    private static string ClassField(string name)
    {
        if (name.Contains(',') || name.Contains('"') || name.Contains('\n') || name.Contains('\r'))
            throw new FastNetException($"the class name {JsonInput.Quote(name)} cannot be written to CSV (it holds a comma, quote or line break); save as JSON");
        return name;
    }

    // the label column of a table read for training: the one named, else the last, or the one before a last column
    // headed "weight" (labelColumn "" means none named)
    private static int TableLabel(string file, string labelColumn, string[]? header, int width) =>
        labelColumn == "" && header is not null && header[^1] == "weight" ? width - 2
            : LabelIndex(file, labelColumn == "" ? null : labelColumn, header, width);

    private static int LabelIndex(string file, string? labelColumn, string[]? header, int width)
    {
        if (labelColumn is null) return width - 1;
        if (header is not null)
        {
            int named = Array.IndexOf(header, labelColumn);
            if (named >= 0) return named;
        }
        if (!int.TryParse(labelColumn, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
            throw new FastNetFormatException(file, "line 1", header is null
                ? $"the label column {JsonInput.Quote(labelColumn)} is not an index and the file has no header"
                : $"has no column named {JsonInput.Quote(labelColumn)} ({JsonInput.Printable(string.Join(", ", header))})");
        int resolved = index < 0 ? width + index : index;
        if ((uint)resolved >= (uint)width)
            throw new FastNetFormatException(file, "line 1", $"has {width} columns, so there is no label column {index} (0 to {width - 1}, or -1 for the last)");
        return resolved;
    }

    private static void Split(string file, int line, ReadOnlySpan<char> text, List<string> fields)
    {
        fields.Clear();
        int start = 0;
        while (true)
        {
            ReadOnlySpan<char> rest = text[start..];
            int comma = rest.IndexOf(',');
            ReadOnlySpan<char> field = (comma < 0 ? rest : rest[..comma]).Trim();
            if (field.Length >= 2 && field[0] == '"' && field[^1] == '"') field = field[1..^1];
            else if (field.Contains('"'))
                throw new FastNetFormatException(file, $"line {line}, column {fields.Count + 1}", "has a stray double quote (quoted fields cannot hold commas or quotes)");
            fields.Add(field.ToString());
            if (comma < 0) return;
            start += comma + 1;
        }
    }

    private static bool IsNumber(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ||
        field.Equals("nan", StringComparison.OrdinalIgnoreCase) || field.Contains("inf", StringComparison.OrdinalIgnoreCase);

    private static double Number(string file, int line, int column, string field, string[]? header)
    {
        string where = $"line {line}, column {column + 1}" + (header is null ? "" : $" ({JsonInput.Printable(header[column])})");
        if (field.Length == 0) throw new FastNetFormatException(file, where, "the value is empty");
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new FastNetFormatException(file, where, $"\"{JsonInput.Printable(field)}\" is not a number");
        if (!double.IsFinite(value) || !float.IsFinite((float)value))
            throw new FastNetFormatException(file, where, $"{JsonInput.Printable(field)} is not a finite single-precision number");
        return value;
    }
}
