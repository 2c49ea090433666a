using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastNet.Kernels;

/// <summary>
/// Sums of the four lanes of 128-bit vectors in one fixed order, (x0 + x1) + (x2 + x3), however they are computed:
/// pairwise horizontal adds where the hardware has them (SSE3 haddps, ARM64 faddp), lane by lane where it does not.
/// Four vectors are reduced together by one tree of three horizontal adds, so a dot-product tile with four or eight
/// accumulators pays three or six instructions for its reduction, not four or eight separate ones.
/// </summary>
internal static class LaneSums
{
    /// <summary>(x0 + x1) + (x2 + x3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(Vector128<float> x)
    {
        if (Sse3.IsSupported)
        {
            Vector128<float> pairs = Sse3.HorizontalAdd(x, x);
            return Sse3.HorizontalAdd(pairs, pairs).ToScalar();
        }
        if (AdvSimd.Arm64.IsSupported)
        {
            Vector128<float> pairs = AdvSimd.Arm64.AddPairwise(x, x);
            return AdvSimd.Arm64.AddPairwise(pairs, pairs).ToScalar();
        }
        return (x.GetElement(0) + x.GetElement(1)) + (x.GetElement(2) + x.GetElement(3));
    }

    /// <summary>[Σ x, Σ y, Σ z, Σ w], each as <see cref="Of(Vector128{float})"/> sums it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Of(Vector128<float> x, Vector128<float> y, Vector128<float> z, Vector128<float> w)
    {
        // hadd(x, y) = [x0 + x1, x2 + x3, y0 + y1, y2 + y3]; hadd of two such gives [(x0 + x1) + (x2 + x3), Σ y, Σ z, Σ w]
        if (Sse3.IsSupported) return Sse3.HorizontalAdd(Sse3.HorizontalAdd(x, y), Sse3.HorizontalAdd(z, w));
        if (AdvSimd.Arm64.IsSupported)
            return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(x, y), AdvSimd.Arm64.AddPairwise(z, w));
        return Vector128.Create(Of(x), Of(y), Of(z), Of(w));
    }
}
