using System.Runtime.CompilerServices;

namespace FastNet.Kernels.Vectors;

/// <summary>
/// One float: the width of remainders and of machines without vectors. Its masks are floats with all bits set or clear,
/// so a kernel written for the vector widths runs here unchanged and its lanes have these bits.
/// </summary>
internal readonly struct ScalarWidth : IVectorWidth<float>
{
    /// <summary>The exponent bits of a float; all set means NaN or ±∞.</summary>
    public const uint ExponentMask = 0x7F80_0000u;

    private static float Set => BitConverter.Int32BitsToSingle(-1);

    public static int Count => 1;
    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Create(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nuint at) => Unsafe.Add(ref source, at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float target, nuint at) => Unsafe.Add(ref target, at) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float x, float y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float x, float y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float x, float y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float x, float y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Negate(float x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => FusedMultiplyAdd.IsHardware ? MathF.FusedMultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float x) => MathF.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float x, float y) => MathF.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float x, float y) => MathF.Min(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Round(float x) => MathF.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Floor(float x) => MathF.Floor(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CopySign(float value, float sign) => MathF.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FromBits(float x) => BitConverter.Int32BitsToSingle((int)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GreaterThan(float x, float y) => x > y ? Set : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GreaterThanOrEqual(float x, float y) => x >= y ? Set : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LessThan(float x, float y) => x < y ? Set : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ConditionalSelect(float mask, float whenSet, float whenClear) =>
        BitConverter.SingleToInt32Bits(mask) != 0 ? whenSet : whenClear;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyLessThan(float x, float y) => x < y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(float lower, float upper, out float even, out float odd)
    {
        even = lower;
        odd = upper;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNonFinite(float x) => (BitConverter.SingleToUInt32Bits(x) & ExponentMask) == ExponentMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(float x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HalvingSum(float x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Unary<TOp>(float x) where TOp : struct, IUnaryOperator => TOp.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Binary<TOp>(float x, float y) where TOp : struct, IBinaryOperator => TOp.Invoke(x, y);
}
