using System.Runtime.Intrinsics.Arm;

namespace FastNet.Tests.Kernels;

/// <summary>
/// A theory for code written with ARM64 intrinsics: it runs on ARM64 (natively or under qemu-aarch64) and is reported
/// as skipped, with the reason, on other processors — never silently passed.
/// </summary>
public sealed class ArmTheoryAttribute : TheoryAttribute
{
    public ArmTheoryAttribute()
    {
        if (!AdvSimd.Arm64.IsSupported)
            Skip = "AdvSimd (ARM64 NEON) intrinsics cannot run on this processor; run the ARM64 build of the tests under qemu-aarch64";
    }
}
