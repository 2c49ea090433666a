namespace FastNet.Kernels;

/// <summary>Which kernel paths this process runs (they follow the hardware and the DOTNET_Enable* settings).</summary>
public static class KernelInfo
{
    /// <summary>The instruction-set path of the matrix product: "Vector512", "Vector256", "Vector128" or "Scalar".</summary>
    public static string GemmPath { get; } = GemmIsaInfo.Best.ToString();

    /// <summary>This machine's data caches as the matrix product read them, e.g. "L1d 32 KiB, L2 512 KiB, L3 32 MiB (sysfs)".</summary>
    public static string Caches { get; } = CacheSizes.Machine.ToString();

    /// <summary>
    /// The micro-kernel and cache blocking a product with <paramref name="columns"/> output columns takes on
    /// <see cref="GemmPath"/>, e.g. "Vector256 6x16 (FMA), MC 252, KC 256, NC 4096" (the blocking is derived from
    /// <see cref="Caches"/>).
    /// </summary>
    public static string GemmPlan(int columns) => GemmKernelInfo.Of(GemmIsaInfo.Best, columns).ToString();
}
