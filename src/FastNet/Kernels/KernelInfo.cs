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

    /// <summary>
    /// The path <see cref="Sgemm.Multiply"/> takes for an m×k×n product in <paramref name="form"/> on <see cref="GemmPath"/>:
    /// "direct (no packing)" for tiny products, e.g. "narrow Vector256, 8 lanes along k (no packing)" for products at most 15
    /// columns wide ("along m" for tn), otherwise the packed kernel and blocking of <see cref="GemmPlan(int)"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or the form is unknown.</exception>
    public static string GemmPlan(SgemmForm form, int m, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Gemm.RouteOf(Sgemm.Inner(form), Math.Max(1, m), k, Math.Max(1, n)) switch
        {
            GemmRoute.Small => "direct (no packing)",
            GemmRoute.Narrow => $"narrow {GemmPath}, {NarrowGemm.Lanes(GemmIsaInfo.Best)} lanes along {(form == SgemmForm.TN ? 'm' : 'k')} (no packing)",
            _ => GemmPlan(n),
        };
    }

    /// <summary>
    /// The path a training step of <paramref name="network"/> takes: for sigmoid networks of at most 16 inputs and units
    /// per layer and 8 layers under a squared-error loss, without dropout, the batch-vectorised tiny-network kernel, e.g.
    /// "tiny-network kernel, Vector256 (8 samples per vector)"; otherwise "layer by layer, " and the packed kernel and
    /// blocking of <see cref="GemmPlan(int)"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static string TrainingPlan(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return TinyTraining.Supports(network.Inputs, [.. network.Layers], network.Loss)
            ? $"tiny-network kernel, {GemmPath} ({NarrowGemm.Lanes(GemmIsaInfo.Best)} samples per vector)"
            : $"layer by layer, {GemmPlan(int.MaxValue)}";
    }
}
