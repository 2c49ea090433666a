using System.Security.Cryptography;

namespace FastNet.Serialization;

/// <summary>
/// The checksum a model file carries of its weights: <c>"sha256:"</c> and 64 lower-case hex digits, the SHA-256 of every
/// parameter's IEEE single-precision bits in little-endian order, in the order of <see cref="Network.Parameters"/>
/// (layer 0's W row by row, then its b, then layer 1, ...). A layer without bias contributes no bias bytes.
/// </summary>
internal static class WeightChecksum
{
    public const string Prefix = "sha256:";

    public static string Compute(ReadOnlySpan<float> parameters)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(LittleEndianFloats.Bytes(parameters), hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    public static bool IsWellFormed(string checksum)
    {
        if (checksum.Length != Prefix.Length + 2 * SHA256.HashSizeInBytes || !checksum.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        foreach (char c in checksum.AsSpan(Prefix.Length))
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    public static bool Matches(string checksum, ReadOnlySpan<float> parameters) =>
        string.Equals(checksum, Compute(parameters), StringComparison.OrdinalIgnoreCase);
}
