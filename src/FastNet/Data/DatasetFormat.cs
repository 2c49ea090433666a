namespace FastNet.Data;

/// <summary>The file formats a <see cref="Dataset"/> reads and writes (see docs/formats.md).</summary>
public enum DatasetFormat
{
    /// <summary><c>{"features": [[...], ...], "labels": [...]}</c> (or <c>"targets"</c>).</summary>
    Json,

    /// <summary>Comma-separated values, one sample per line, an optional header, one label (or target) column.</summary>
    Csv,
}
