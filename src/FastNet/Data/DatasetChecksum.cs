using System.Buffers.Binary;
using System.Security.Cryptography;
using FastNet.Serialization;

namespace FastNet.Data;

/// <summary>
/// A SHA-256 over a dataset's shape, features and labels or targets (little-endian bytes), so a checkpoint can tell the
/// data it was trained on from other data at the same path.
/// </summary>
internal static class DatasetChecksum
{
    public static string Compute(Dataset data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[4];
        foreach (int n in (ReadOnlySpan<int>)[data.Count, data.FeatureCount, data.HasLabels ? 0 : data.TargetWidth])
        {
            BinaryPrimitives.WriteInt32LittleEndian(word, n);
            hash.AppendData(word);
        }
        hash.AppendData(LittleEndianFloats.Bytes(data.Features));
        foreach (int label in data.Labels)
        {
            BinaryPrimitives.WriteInt32LittleEndian(word, label);
            hash.AppendData(word);
        }
        hash.AppendData(LittleEndianFloats.Bytes(data.Targets));
        return WeightChecksum.Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
