using System.Runtime.CompilerServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>f(z) = z. As a GEMM epilogue it means "no activation" and is compiled away. Backward: dz = da.</summary>
internal readonly struct IdentityOperator : IActivationOperator<IdentityOperator>
{
    // a = z
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec> => z;

    // dz = da
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> => da;
}
