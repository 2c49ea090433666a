using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastNet.Kernels.Vectors;

/// <summary>
/// Whether a·b + c is fused on this machine: x64 with FMA3, or ARM64 (AdvSimd always fuses). Elsewhere (x64 with AVX off,
/// or no hardware intrinsics) every width computes a plain multiply and add instead, never a software-emulated fused one,
/// so the scalar and vector paths still agree bit for bit.
/// </summary>
internal static class FusedMultiplyAdd
{
    public static bool IsHardware
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }
}
