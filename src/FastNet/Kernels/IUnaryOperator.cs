using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// An element-wise operation r = f(x) written once per vector width, so one generic driver (<see cref="UnaryDriver"/>)
/// or a GEMM epilogue can run it on Vector512, Vector256, Vector128 or scalar and the JIT inlines it. For a given input
/// every lane of every width returns the same bits as the scalar member.
/// </summary>
internal interface IUnaryOperator
{
    static abstract float Invoke(float x);
    static abstract Vector128<float> Invoke(Vector128<float> x);
    static abstract Vector256<float> Invoke(Vector256<float> x);
    static abstract Vector512<float> Invoke(Vector512<float> x);
}
