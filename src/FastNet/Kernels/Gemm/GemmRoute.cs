namespace FastNet.Kernels;

/// <summary>Which of <see cref="Gemm"/>'s three paths a product takes (<see cref="Gemm.RouteOf"/> decides, for the run and for reports alike).</summary>
internal enum GemmRoute
{
    /// <summary><see cref="SmallGemm"/>: at most <see cref="Gemm.SmallMaxWork"/> multiply-adds, or k = 0; no packing, no tiles.</summary>
    Small,
    /// <summary><see cref="NarrowGemm"/>: at most <see cref="NarrowGemm.MaxColumns"/> columns; vectors along k (nn, nt) or m (tn), no packing.</summary>
    Narrow,
    /// <summary><see cref="GemmDriver"/>: blocked, packed, with the micro-kernel <see cref="GemmKernelInfo.Choose"/> picks.</summary>
    Packed,
}
