using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>
/// One vector width for the unpacked product kernels (<see cref="UnpackedGemm"/>): the few operations
/// they need, so each kernel is written once and the JIT specialises it for Vector512, Vector256, Vector128 and scalar
/// (<see cref="GemmVectors"/>). Multiply-add is the micro-kernels' (fused on 512 and 256 bits; on 128 bits and scalar
/// <see cref="MultiplyAdd"/>: fused where the hardware has FMA), so an element computed here has the packed GEMM's bits.
/// </summary>
internal unsafe interface IGemmVector<TVec> where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>True when the hardware runs this width (any width is correct everywhere).</summary>
    static abstract bool IsAccelerated { get; }

    static abstract TVec Zero { get; }
    static abstract TVec Load(float* p);
    static abstract void Store(TVec v, float* p);
    static abstract TVec Broadcast(float x);

    /// <summary>a·b + c as the micro-kernel of this width computes it.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Add(TVec a, TVec b);

    /// <summary>The sum of the lanes, in this width's fixed order (halves added down to 128 bits, then <see cref="LaneSums"/>).</summary>
    static abstract float Sum(TVec v);

    /// <summary>[Sum(s0), Sum(s1), Sum(s2), Sum(s3)] with the same bits, reduced together.</summary>
    static abstract Vector128<float> Sum(TVec s0, TVec s1, TVec s2, TVec s3);

    /// <summary>rows (Count×4, row-major) = [s0 s1 s2 s3]: row r holds lane r of each (<see cref="Transpose4x4"/> per 128 bits).</summary>
    static abstract void StoreAsRows(TVec s0, TVec s1, TVec s2, TVec s3, float* rows);

    /// <summary>f(v) lane by lane (every width of an operator gives the scalar member's bits).</summary>
    static abstract TVec Apply<TAct>(TVec v) where TAct : struct, IUnaryOperator;
}
