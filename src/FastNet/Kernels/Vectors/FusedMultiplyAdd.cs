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
        // not ||: its branch is not folded before the callers' dead arm (the software fallback of
        // Vector128.FusedMultiplyAdd, which takes its vectors' addresses) is inlined, and every vector of the caller then
        // lives on the stack (without FMA the tiny-network step ran 1.55x slower)
        get => Fma.IsSupported | AdvSimd.IsSupported;
    }
}
