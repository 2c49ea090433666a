using System.Runtime.Intrinsics;

namespace FastNet.Kernels.Vectors;

/// <summary>
/// The float operations FastNet's element-wise and reduction kernels use, for one vector width: <see cref="Vector512Width"/>,
/// <see cref="Vector256Width"/>, <see cref="Vector128Width"/> or <see cref="ScalarWidth"/> (one float). A kernel written
/// once against <typeparamref name="TVec"/> and its width is specialised per width by the JIT, and every lane of every
/// width computes the same operations as the scalar width, so the results agree bit for bit. Comparisons return lane
/// masks (all bits set or clear) for <see cref="ConditionalSelect"/>.
/// </summary>
internal interface IVectorWidth<TVec> where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }
    static abstract TVec Create(float value);
    static abstract TVec Load(ref float source, nuint at);
    static abstract void Store(TVec value, ref float target, nuint at);

    static abstract TVec Add(TVec x, TVec y);
    static abstract TVec Subtract(TVec x, TVec y);
    static abstract TVec Multiply(TVec x, TVec y);
    static abstract TVec Divide(TVec x, TVec y);
    static abstract TVec Negate(TVec x);

    /// <summary>a·b + c: fused (one rounding) where the hardware has FMA (x64 FMA3, ARM64), else a plain multiply and add.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Abs(TVec x);
    static abstract TVec Sqrt(TVec x);
    static abstract TVec Max(TVec x, TVec y);
    static abstract TVec Min(TVec x, TVec y);

    /// <summary>Rounded to the nearest integer, ties to even.</summary>
    static abstract TVec Round(TVec x);

    static abstract TVec Floor(TVec x);
    static abstract TVec CopySign(TVec value, TVec sign);

    /// <summary>The floats whose bit patterns are the (integral, in int range) values of x: 2ⁿ from (n + 127)·2²³.</summary>
    static abstract TVec FromBits(TVec x);

    static abstract TVec GreaterThan(TVec x, TVec y);
    static abstract TVec GreaterThanOrEqual(TVec x, TVec y);
    static abstract TVec LessThan(TVec x, TVec y);
    static abstract TVec ConditionalSelect(TVec mask, TVec whenSet, TVec whenClear);

    /// <summary>Whether a lane is NaN or ±∞ (exponent bits all ones).</summary>
    static abstract bool AnyNonFinite(TVec x);

    /// <summary>Whether x &lt; y in some lane.</summary>
    static abstract bool AnyLessThan(TVec x, TVec y);

    /// <summary>
    /// The even and the odd floats of the 2·Count in (lower, upper): rows of two features, one row per pair, split into a
    /// vector of each feature (with one lane, lower and upper are the pair).
    /// </summary>
    static abstract void Deinterleave(TVec lower, TVec upper, out TVec even, out TVec odd);

    /// <summary>The runtime's horizontal sum (<c>Vector256.Sum</c> and friends).</summary>
    static abstract float Sum(TVec x);

    /// <summary>The lanes added by halves in a fixed order (upper half onto lower, down to four lanes, then (0+2)+(1+3)), the same tree on every width.</summary>
    static abstract float HalvingSum(TVec x);

    static abstract TVec Unary<TOp>(TVec x) where TOp : struct, IUnaryOperator;
    static abstract TVec Binary<TOp>(TVec x, TVec y) where TOp : struct, IBinaryOperator;
}
