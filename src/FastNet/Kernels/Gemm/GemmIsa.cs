using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>The instruction-set paths of the GEMM; <see cref="GemmIsaInfo.Best"/> is the one this machine runs.</summary>
internal enum GemmIsa
{
    /// <summary>Scalar 4×4 micro-kernel.</summary>
    Scalar,
    /// <summary>128-bit vectors: the AdvSimd 8×12 micro-kernel on ARM64, the portable 6×8 Vector128 kernel elsewhere (x64 SSE).</summary>
    Vector128,
    /// <summary>AVX2 6×16 micro-kernel.</summary>
    Vector256,
    /// <summary>AVX-512 8×32 micro-kernel (16×16 for products at most 16 columns wide).</summary>
    Vector512,
}

/// <summary>What each <see cref="GemmIsa"/> needs and which one is used.</summary>
internal static class GemmIsaInfo
{
    /// <summary>The widest path the hardware (and the DOTNET_* settings) accelerate.</summary>
    public static readonly GemmIsa Best =
        Vector512.IsHardwareAccelerated ? GemmIsa.Vector512 :
        Vector256.IsHardwareAccelerated ? GemmIsa.Vector256 :
        Vector128.IsHardwareAccelerated ? GemmIsa.Vector128 : GemmIsa.Scalar;

    /// <summary>True when <paramref name="isa"/> runs in hardware here (any path is correct everywhere, only slower).</summary>
    public static bool IsAccelerated(GemmIsa isa) => isa switch
    {
        GemmIsa.Vector512 => Vector512.IsHardwareAccelerated,
        GemmIsa.Vector256 => Vector256.IsHardwareAccelerated,
        GemmIsa.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };
}
