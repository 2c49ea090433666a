using System.Text;

namespace FastNet.Tests.Reliability;

/// <summary>
/// Damages valid JSON files in the ways real files get damaged or forged: byte-level faults (truncation, bit flips,
/// deleted or repeated runs) and token-level ones (wrong types, NaN and infinities, huge numbers, duplicate keys,
/// deep nesting). Deterministic: the same file and mutations give the same bytes, so FsCheck can shrink and replay.
/// </summary>
public static class JsonMutator
{
    /// <summary>Tokens no FastNet file may contain in that place: non-finite, out of range, ill-formed, wrong type.</summary>
    public static readonly string[] HostileTokens =
    [
        "NaN", "Infinity", "-Infinity", "nan", "1e39", "-1e39", "3.4028236e38", "1e308", "1e309", "-1e400", "1e-50", "-0",
        "2147483648", "-2147483649", "9223372036854775808", "123456789012345678901234567890", "1" + new string('0', 400),
        "0x10", "01", "+1", "1.", ".5", "1e", "-", "1.5", "0.5", "-1", "0", "1", "2", "1048577", "1000000",
        "\"\"", "\"x\"", "\"sigmoid\"", "\"dense\"", "\"fastnet-model\"", "\"\\ud800\"", "\"\\u0000\\n\"", "\"\xff\"",
        "true", "false", "null", "[]", "{}", "[[]]", "[[1]]", "[null]", "{\"a\":1}", "[1e39]", "[[NaN]]",
        "\"" + new string('a', 300) + "\"",
    ];

    /// <summary>Applies <paramref name="mutations"/> to <paramref name="json"/> in order.</summary>
    public static byte[] Apply(byte[] json, IEnumerable<JsonMutation> mutations)
    {
        byte[] bytes = json;
        foreach (JsonMutation mutation in mutations) bytes = Apply(bytes, mutation);
        return bytes;
    }

    /// <summary>Applies one mutation; a file too short for it comes back unchanged.</summary>
    public static byte[] Apply(byte[] bytes, JsonMutation m)
    {
        if (bytes.Length == 0) return bytes;
        int at = Index(m.Where, bytes.Length);
        int with = m.With & int.MaxValue;
        switch (m.Kind)
        {
            case MutationKind.Truncate:
                return bytes[..at];
            case MutationKind.FlipBit:
            {
                byte[] copy = (byte[])bytes.Clone();
                copy[at] ^= (byte)(1 << (with % 8));
                return copy;
            }
            case MutationKind.SetByte:
            {
                byte[] copy = (byte[])bytes.Clone();
                copy[at] = (byte)with;
                return copy;
            }
            case MutationKind.DeleteBytes:
                return Splice(bytes, at, Math.Min(1 + with % 16, bytes.Length - at), []);
            case MutationKind.DuplicateBytes:
            {
                int length = Math.Min(1 + with % 64, bytes.Length - at);
                return Splice(bytes, at, 0, bytes.AsSpan(at, length).ToArray());
            }
        }

        List<Token> tokens = Tokenize(bytes);
        if (tokens.Count == 0) return bytes;
        Token token = tokens[Index(m.Where, tokens.Count)];
        byte[] hostile = Hostile(with);
        switch (m.Kind)
        {
            case MutationKind.InsertToken:
            {
                // Before an array element: one more element; before a property: one more property (an unknown key,
                // or a known one repeated). Either way the file stays JSON when the token is.
                int v = ValueStart(tokens, Index(m.Where, tokens.Count));
                if (v < 0) return Splice(bytes, token.Start, 0, [.. hostile, (byte)',']);
                if (v >= 2 && tokens[v - 1].Is(':'))
                {
                    byte[] key = with % 2 == 0 ? "\"fuzz\""u8.ToArray() : bytes.AsSpan(tokens[v - 2].Start, tokens[v - 2].Length).ToArray();
                    return Splice(bytes, tokens[v - 2].Start, 0, [.. key, (byte)':', .. hostile, (byte)',']);
                }
                return Splice(bytes, tokens[v].Start, 0, [.. hostile, (byte)',']);
            }
            case MutationKind.ReplaceToken:
            {
                Token scalar = NextScalar(tokens, Index(m.Where, tokens.Count)) ?? token;
                return Splice(bytes, scalar.Start, scalar.Length, hostile);
            }
        }

        int valueIndex = ValueStart(tokens, Index(m.Where, tokens.Count));
        if (valueIndex < 0) return bytes;
        (int start, int end) = ValueSpan(tokens, valueIndex);
        switch (m.Kind)
        {
            case MutationKind.SwapValue:
                return Splice(bytes, start, end - start, hostile);
            case MutationKind.TransplantValue:
            {
                int donorIndex = ValueStart(tokens, Index(with, tokens.Count));
                if (donorIndex < 0) return bytes;
                (int donorStart, int donorEnd) = ValueSpan(tokens, donorIndex);
                return Splice(bytes, start, end - start, bytes.AsSpan(donorStart, donorEnd - donorStart).ToArray());
            }
            case MutationKind.DeleteValue:
            {
                // Remove "key": value or an array element, with one neighbouring comma when there is one.
                int from = start;
                if (valueIndex >= 2 && tokens[valueIndex - 1].Is(':')) from = tokens[valueIndex - 2].Start;
                int to = end;
                int after = TokenAt(tokens, end);
                int before = TokenAt(tokens, from) - 1;
                if (after >= 0 && tokens[after].Is(',')) to = tokens[after].Start + 1;
                else if (before >= 0 && tokens[before].Is(',')) from = tokens[before].Start;   // the last one: no trailing comma
                return Splice(bytes, from, to - from, []);
            }
            case MutationKind.DuplicateValue:
            {
                int from = start;
                if (valueIndex >= 2 && tokens[valueIndex - 1].Is(':')) from = tokens[valueIndex - 2].Start;
                byte[] copy = [.. bytes.AsSpan(from, end - from), (byte)','];
                return Splice(bytes, from, 0, copy);
            }
            case MutationKind.Nest:
            {
                int depth = 1 + with % 200;
                byte[] open = Enumerable.Repeat((byte)'[', depth).ToArray();
                byte[] close = Enumerable.Repeat((byte)']', depth).ToArray();
                return [.. bytes.AsSpan(0, start), .. open, .. bytes.AsSpan(start, end - start), .. close, .. bytes.AsSpan(end)];
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(m), m.Kind, "unknown mutation");
        }
    }

    // The table's "\xff" (ÿ) stands for the lone byte 0xFF, which is not UTF-8 at all.
    private static byte[] Hostile(int with)
    {
        string token = HostileTokens[with % HostileTokens.Length];
        return token == "\"\xff\"" ? [(byte)'"', 0xFF, (byte)'"'] : Encoding.UTF8.GetBytes(token);
    }

    private static int Index(int value, int count) => (int)((uint)value % (uint)count);

    private static byte[] Splice(byte[] bytes, int at, int remove, byte[] insert) =>
        [.. bytes.AsSpan(0, at), .. insert, .. bytes.AsSpan(at + remove)];

    private readonly record struct Token(int Start, int Length, byte First)
    {
        public int End => Start + Length;
        public bool Is(char c) => Length == 1 && First == c;
        public bool IsScalar => First is not ((byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)',' or (byte)':');
    }

    // Punctuation, strings (with escapes) and bare words (numbers, literals); whitespace skipped. Works on any bytes.
    private static List<Token> Tokenize(byte[] bytes)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') { i++; continue; }
            int start = i;
            if (b is (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)',' or (byte)':') i++;
            else if (b == '"')
            {
                i++;
                while (i < bytes.Length && bytes[i] != '"') i += bytes[i] == '\\' ? 2 : 1;
                i = Math.Min(i + 1, bytes.Length);
            }
            else
            {
                while (i < bytes.Length && bytes[i] is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'[' or (byte)']'
                           or (byte)'{' or (byte)'}' or (byte)',' or (byte)':' or (byte)'"')) i++;
            }
            tokens.Add(new Token(start, i - start, b));
        }
        return tokens;
    }

    private static Token? NextScalar(List<Token> tokens, int from)
    {
        for (int k = from; k < tokens.Count; k++)
            if (tokens[k].IsScalar && !(k + 1 < tokens.Count && tokens[k + 1].Is(':'))) return tokens[k];
        return null;
    }

    // The first token at or after `from` that starts a value (not a key, not punctuation other than an opening bracket).
    private static int ValueStart(List<Token> tokens, int from)
    {
        for (int k = from; k < tokens.Count; k++)
        {
            Token t = tokens[k];
            bool isKey = t.First == '"' && k + 1 < tokens.Count && tokens[k + 1].Is(':');
            if (!isKey && (t.IsScalar || t.Is('[') || t.Is('{'))) return k;
        }
        return -1;
    }

    // The byte span of the value starting at token `k`: a scalar, or a bracket up to its match (or the end of the file).
    private static (int Start, int End) ValueSpan(List<Token> tokens, int k)
    {
        Token first = tokens[k];
        if (first.IsScalar) return (first.Start, first.End);
        int depth = 0;
        for (int j = k; j < tokens.Count; j++)
        {
            if (tokens[j].Is('[') || tokens[j].Is('{')) depth++;
            else if (tokens[j].Is(']') || tokens[j].Is('}'))
            {
                depth--;
                if (depth == 0) return (first.Start, tokens[j].End);
            }
        }
        return (first.Start, tokens[^1].End);
    }

    private static int TokenAt(List<Token> tokens, int byteOffset)
    {
        for (int k = 0; k < tokens.Count; k++)
            if (tokens[k].Start >= byteOffset) return k;
        return -1;
    }
}
