namespace FastNet.Kernels;

/// <summary>
/// One micro-kernel as the blocked GEMM plans with it: its register tile, whether it runs on this machine, and the
/// cache blocking derived for its tile from this machine's caches (<see cref="CacheSizes.Machine"/>).
/// </summary>
/// <param name="Kernel">Which micro-kernel.</param>
/// <param name="Isa">The instruction-set path it belongs to.</param>
/// <param name="MR">Rows of the register tile.</param>
/// <param name="NR">Columns of the register tile.</param>
/// <param name="IsSupported">False only for a kernel written with one architecture's intrinsics on another architecture.</param>
/// <param name="Blocking">MC, KC and NC for this tile on this machine.</param>
internal sealed record GemmKernelInfo(GemmKernel Kernel, GemmIsa Isa, int MR, int NR, bool IsSupported, GemmBlocking Blocking)
{
    private static readonly GemmKernelInfo[] All =
    [
        Create<GemmMicroKernelScalar>(GemmKernel.Scalar, GemmIsa.Scalar),
        Create<GemmMicroKernel128>(GemmKernel.Vector128, GemmIsa.Vector128),
        Create<GemmMicroKernelAdvSimd>(GemmKernel.AdvSimd, GemmIsa.Vector128),
        Create<GemmMicroKernel256>(GemmKernel.Vector256, GemmIsa.Vector256),
        Create<GemmMicroKernel512>(GemmKernel.Vector512, GemmIsa.Vector512),
        Create<GemmMicroKernel512Narrow>(GemmKernel.Vector512Narrow, GemmIsa.Vector512),
    ];

    /// <summary>The kernel an n-column product takes on <paramref name="isa"/>.</summary>
    public static GemmKernel Choose(GemmIsa isa, int n) => isa switch
    {
        GemmIsa.Vector512 when n <= GemmMicroKernel512Narrow.NR => GemmKernel.Vector512Narrow,
        GemmIsa.Vector512 => GemmKernel.Vector512,
        GemmIsa.Vector256 => GemmKernel.Vector256,
        GemmIsa.Vector128 when GemmMicroKernelAdvSimd.IsSupported => GemmKernel.AdvSimd,
        GemmIsa.Vector128 => GemmKernel.Vector128,
        _ => GemmKernel.Scalar,
    };

    /// <summary>The plan of <paramref name="kernel"/> on this machine.</summary>
    public static GemmKernelInfo Of(GemmKernel kernel) => All[(int)kernel];

    /// <summary>The plan of the kernel an n-column product takes on <paramref name="isa"/>.</summary>
    public static GemmKernelInfo Of(GemmIsa isa, int n) => Of(Choose(isa, n));

    /// <summary>"Vector256 6x16 (FMA), MC 252, KC 256, NC 4096" (ASCII, so JSON output needs no escapes).</summary>
    public override string ToString() =>
        $"{Kernel} {MR}x{NR} ({(MultiplyAdd.IsFused ? "FMA" : "no FMA")}), {Blocking}";

    private static GemmKernelInfo Create<TKernel>(GemmKernel kernel, GemmIsa isa) where TKernel : struct, IGemmMicroKernel =>
        new(kernel, isa, TKernel.MR, TKernel.NR, TKernel.IsSupported, GemmBlocking.For(TKernel.MR, TKernel.NR, CacheSizes.Machine));
}
