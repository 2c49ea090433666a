using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels.Vectors;

/// <summary>Four floats per <see cref="Vector128{T}"/> (SSE on x64, AdvSimd on ARM64).</summary>
internal readonly struct Vector128Width : IVectorWidth<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint at) => Vector128.LoadUnsafe(ref source, at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float target, nuint at) => value.StoreUnsafe(ref target, at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> x, Vector128<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> x, Vector128<float> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> x, Vector128<float> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> x, Vector128<float> y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Negate(Vector128<float> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        FusedMultiplyAdd.IsHardware ? Vector128.FusedMultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> x, Vector128<float> y) => Vector128.Min(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Round(Vector128<float> x) => Vector128.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Floor(Vector128<float> x) => Vector128.Floor(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CopySign(Vector128<float> value, Vector128<float> sign) => Vector128.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FromBits(Vector128<float> x) => Vector128.ConvertToInt32Native(x).AsSingle();   // in range by contract: no saturation fix-ups

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GreaterThan(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThan(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GreaterThanOrEqual(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThanOrEqual(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LessThan(Vector128<float> x, Vector128<float> y) => Vector128.LessThan(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ConditionalSelect(Vector128<float> mask, Vector128<float> whenSet, Vector128<float> whenClear) =>
        Vector128.ConditionalSelect(mask, whenSet, whenClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyLessThan(Vector128<float> x, Vector128<float> y) => Vector128.LessThanAny(x, y);

    // a pair is one 64-bit lane: its low half (the even float) by narrowing, its high half by narrowing after a shift
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector128<float> lower, Vector128<float> upper, out Vector128<float> even, out Vector128<float> odd)
    {
        Vector128<ulong> l = lower.AsUInt64(), u = upper.AsUInt64();
        even = Vector128.Narrow(l, u).AsSingle();
        odd = Vector128.Narrow(Vector128.ShiftRightLogical(l, 32), Vector128.ShiftRightLogical(u, 32)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyNonFinite(Vector128<float> x) =>
        Vector128.EqualsAny(x.AsUInt32() & Vector128.Create(ScalarWidth.ExponentMask), Vector128.Create(ScalarWidth.ExponentMask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> x) => Vector128.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HalvingSum(Vector128<float> x) => (x.GetElement(0) + x.GetElement(2)) + (x.GetElement(1) + x.GetElement(3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Unary<TOp>(Vector128<float> x) where TOp : struct, IUnaryOperator => TOp.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Binary<TOp>(Vector128<float> x, Vector128<float> y) where TOp : struct, IBinaryOperator => TOp.Invoke(x, y);
}
