namespace FastNet.Kernels;

/// <summary>
/// The micro-kernels of the blocked GEMM, one per register tile. An instruction-set path (<see cref="GemmIsa"/>) picks
/// one per product at plan time (<see cref="GemmKernelInfo.Choose"/>); tests run each one directly.
/// </summary>
internal enum GemmKernel
{
    /// <summary><see cref="GemmMicroKernelScalar"/>: 4×4 in scalar registers.</summary>
    Scalar,
    /// <summary><see cref="GemmMicroKernel128"/>: 6×8 in portable Vector128 (x64 SSE's 16 registers).</summary>
    Vector128,
    /// <summary><see cref="GemmMicroKernelAdvSimd"/>: 8×12 with by-lane FMAs in ARM64's 32 registers.</summary>
    AdvSimd,
    /// <summary><see cref="GemmMicroKernel256"/>: 6×16 in AVX2's 16 registers.</summary>
    Vector256,
    /// <summary><see cref="GemmMicroKernel512"/>: 8×32 in AVX-512.</summary>
    Vector512,
    /// <summary><see cref="GemmMicroKernel512Narrow"/>: 16×16 in AVX-512, for products at most 16 columns wide.</summary>
    Vector512Narrow,
}
