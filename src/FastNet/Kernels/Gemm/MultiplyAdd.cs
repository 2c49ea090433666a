using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels;

/// <summary>
/// a·b + c for the GEMM's scalar and 128-bit loops: one fused instruction where the hardware has FMA (x64 with FMA3,
/// every ARM64), a multiply and an add where it does not (x64 with AVX off, or hardware intrinsics off). Never
/// <see cref="MathF.FusedMultiplyAdd"/> or <see cref="Vector128.FusedMultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>
/// without the hardware: those are emulated in software, one correctly rounded result at a time, and dominate the time.
/// The choice is a JIT-time constant, so one process always takes the same one (results stay identical for any thread count).
/// </summary>
internal static class MultiplyAdd
{
    /// <summary>True when <see cref="Scalar"/> and <see cref="Vector"/> are single fused instructions.</summary>
    public static bool IsFused => FusedMultiplyAdd.IsHardware;

    /// <summary>a·b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Scalar(float a, float b, float c) => IsFused ? MathF.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <summary>a·b + c, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Vector(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        IsFused ? Vector128.FusedMultiplyAdd(a, b, c) : a * b + c;
}
