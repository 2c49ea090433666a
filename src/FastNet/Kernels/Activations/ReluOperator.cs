using System.Runtime.CompilerServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>relu(z) = z where z &gt; 0, else +0. Backward: dz = da where a &gt; 0, else 0.</summary>
internal readonly struct ReluOperator : IActivationOperator<ReluOperator>
{
    // a = z where z > 0, else +0
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.ConditionalSelect(TW.GreaterThan(z, TW.Zero), z, TW.Zero);

    // dz = da where a > 0, else +0
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.ConditionalSelect(TW.GreaterThan(a, TW.Zero), da, TW.Zero);
}
