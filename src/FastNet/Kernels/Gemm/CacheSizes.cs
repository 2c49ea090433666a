using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace FastNet.Kernels;

/// <summary>
/// The data-cache sizes of one core, read once per process: Linux's sysfs, else CPUID (leaf 4 on Intel, 0x8000001D on
/// AMD), else <see cref="Default"/>. The GEMM derives its cache blocking from them (<see cref="GemmBlocking"/>).
/// </summary>
/// <param name="L1">Bytes of level-1 data cache.</param>
/// <param name="L2">Bytes of level-2 cache (data or unified).</param>
/// <param name="L3">Bytes of level-3 cache, 0 when there is none.</param>
/// <param name="Source">Where the sizes came from: "sysfs", "cpuid" or "default".</param>
internal readonly record struct CacheSizes(long L1, long L2, long L3, string Source)
{
    /// <summary>What a machine of the last decade has at least: 32 KiB L1d, 256 KiB L2, no L3 assumed.</summary>
    public static readonly CacheSizes Default = new(32 << 10, 256 << 10, 0, "default");

    /// <summary>This machine's caches.</summary>
    public static readonly CacheSizes Machine = Read();

    private static CacheSizes Read()
    {
        try
        {
            return FromSysfs() ?? FromCpuid() ?? Default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return Default;
        }
    }

    // /sys/devices/system/cpu/cpu0/cache/index*/{level,type,size}: sizes like "32K", "512K", "32768K"
    private static CacheSizes? FromSysfs()
    {
        const string root = "/sys/devices/system/cpu/cpu0/cache";
        if (!OperatingSystem.IsLinux() || !Directory.Exists(root)) return null;
        long[] bytes = new long[4];
        foreach (string index in Directory.EnumerateDirectories(root, "index*"))
        {
            string levelPath = Path.Combine(index, "level"), typePath = Path.Combine(index, "type"), sizePath = Path.Combine(index, "size");
            if (!File.Exists(levelPath) || !File.Exists(typePath) || !File.Exists(sizePath)) continue;
            int level = int.Parse(File.ReadAllText(levelPath).Trim(), CultureInfo.InvariantCulture);
            string type = File.ReadAllText(typePath).Trim();
            if (level is >= 1 and <= 3 && type is "Data" or "Unified") bytes[level] = Math.Max(bytes[level], ParseSize(File.ReadAllText(sizePath).Trim()));
        }
        return Complete(bytes, "sysfs");
    }

    private static long ParseSize(string text)
    {
        long scale = 1;
        char unit = char.ToUpperInvariant(text[^1]);
        if (unit is 'K' or 'M' or 'G')
        {
            scale = unit == 'K' ? 1L << 10 : unit == 'M' ? 1L << 20 : 1L << 30;
            text = text[..^1];
        }
        return long.Parse(text, CultureInfo.InvariantCulture) * scale;
    }

    // CPUID's deterministic cache parameters: Intel leaf 4, AMD leaf 0x8000001D, one sub-leaf per cache until type 0
    private static CacheSizes? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        (int maxLeaf, int vendorB, int vendorC, int vendorD) = X86Base.CpuId(0, 0);
        bool amd = vendorB == 0x68747541 && vendorD == 0x69746E65 && vendorC == 0x444D4163; // "AuthenticAMD"
        int leaf;
        if (amd) leaf = unchecked((int)0x8000001D);
        else if (maxLeaf >= 4) leaf = 4;
        else return null;
        if (amd && X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < leaf) return null;
        long[] bytes = new long[4];
        for (int sub = 0; sub < 16; sub++)
        {
            (int eax, int ebx, int ecx, _) = X86Base.CpuId(leaf, sub);
            int type = eax & 0x1F, level = (eax >> 5) & 0x7;
            if (type == 0) break;
            if (type == 2 || level is < 1 or > 3) continue; // instruction caches
            long ways = ((ebx >> 22) & 0x3FF) + 1, partitions = ((ebx >> 12) & 0x3FF) + 1, line = (ebx & 0xFFF) + 1, sets = (long)(uint)ecx + 1;
            bytes[level] = Math.Max(bytes[level], ways * partitions * line * sets);
        }
        return Complete(bytes, "cpuid");
    }

    // usable only when L1 and L2 were both found and plausible
    private static CacheSizes? Complete(long[] bytes, string source) =>
        bytes[1] >= 4 << 10 && bytes[2] >= bytes[1] ? new CacheSizes(bytes[1], bytes[2], bytes[3], source) : null;

    /// <summary>"L1d 32 KiB, L2 512 KiB, L3 32 MiB (sysfs)".</summary>
    public override string ToString() =>
        $"L1d {Format(L1)}, L2 {Format(L2)}, L3 {(L3 == 0 ? "none" : Format(L3))} ({Source})";

    private static string Format(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
}
