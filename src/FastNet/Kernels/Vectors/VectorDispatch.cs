using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels.Vectors;

/// <summary>
/// The one place that chooses a vector width: Vector512, then Vector256, then Vector128, then scalar, the first the
/// hardware accelerates (<c>IsHardwareAccelerated</c>, a JIT-time constant, so only one call remains) and that fits
/// the length at least once.
/// </summary>
internal static class VectorDispatch
{
    // kernel.Run<width>() for length elements
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel>(ref TKernel kernel, int length) where TKernel : IVectorKernel, allows ref struct
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count) kernel.Run<Vector512<float>, Vector512Width>();
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count) kernel.Run<Vector256<float>, Vector256Width>();
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count) kernel.Run<Vector128<float>, Vector128Width>();
        else kernel.Run<float, ScalarWidth>();
    }

    /// <summary>The widest accelerated vector's float count (1 when nothing is accelerated).</summary>
    public static int WidestCount =>
        Vector512.IsHardwareAccelerated ? Vector512<float>.Count :
        Vector256.IsHardwareAccelerated ? Vector256<float>.Count :
        Vector128.IsHardwareAccelerated ? Vector128<float>.Count : 1;
}
