using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// An element-wise operation r = f(x, y) written once per vector width, so one generic driver
/// (<see cref="BinaryDriver"/>) can run it on Vector512, Vector256, Vector128 or scalar and the JIT inlines it. For given
/// inputs every lane of every width returns the same bits as the scalar member.
/// </summary>
internal interface IBinaryOperator
{
    static abstract float Invoke(float x, float y);
    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);
    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);
    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}
