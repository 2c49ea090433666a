using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>f(z) = z. As a GEMM epilogue it means "no activation" and is compiled away. Backward: dz = da.</summary>
internal readonly struct IdentityOperator : IActivationOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float z) => Forward<float, ScalarWidth>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> z) => Forward<Vector128<float>, Vector128Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> z) => Forward<Vector256<float>, Vector256Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> z) => Forward<Vector512<float>, Vector512Width>(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Backward(float da, float a) => Backward<float, ScalarWidth>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Backward(Vector128<float> da, Vector128<float> a) => Backward<Vector128<float>, Vector128Width>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Backward(Vector256<float> da, Vector256<float> a) => Backward<Vector256<float>, Vector256Width>(da, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Backward(Vector512<float> da, Vector512<float> a) => Backward<Vector512<float>, Vector512Width>(da, a);

    // a = z
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Forward<TVec, TW>(TVec z) where TVec : struct where TW : struct, IVectorWidth<TVec> => z;

    // dz = da
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Backward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> => da;
}
