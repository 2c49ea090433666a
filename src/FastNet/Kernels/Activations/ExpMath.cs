using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels.Activations;

/// <summary>
/// e^x and e^x − 1 for x ≤ 0, the only range sigmoid and tanh need (they exponentiate −|z|), so nothing overflows.
/// x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite, two-part ln 2), a degree-8 Taylor polynomial in r (truncation
/// error below 10⁻⁸ relative), and 2ⁿ applied as two exact power-of-two factors so results down to the smallest
/// subnormal round once. Below −105 the result is 0 (e^x) or −1 (e^x − 1) exactly. Every width runs the same
/// operations in the same order, so a lane of a vector result has the bits of the scalar result.
/// </summary>
internal static class ExpMath
{
    private const float Log2E = 1.44269504f;
    private const float Ln2Hi = 0.693145752f;       // ln 2 rounded to 16 significant bits: n·Ln2Hi is exact
    private const float Ln2Lo = 1.42860677e-6f;     // ln 2 − Ln2Hi
    private const float Floor = -105f;              // e^−105 ≈ 2.5·10⁻⁴⁶ rounds to 0
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040, C8 = 1f / 40320;

    // ---- scalar ---------------------------------------------------------------------------------------------------

    /// <summary>e^x for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        Reduce(x, out float r, out int n);
        float q = ExpM1Polynomial(r);
        return Scale(q + 1f, n);
    }

    /// <summary>e^x − 1 for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExpM1(float x)
    {
        Reduce(x, out float r, out int n);
        float q = ExpM1Polynomial(r);
        int n1 = n >> 1, n2 = n - n1;                   // 2ⁿ − 1 is exact for n ≥ −24; for n < −24 the sum is −1
        float p1 = Pow2(n1), p2 = Pow2(n2);
        float scale = p1 * p2;
        return MathF.FusedMultiplyAdd(scale, q, scale - 1f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(float x, out float r, out int n)
    {
        x = MathF.Max(x, Floor);
        float fn = MathF.Round(x * Log2E);
        r = MathF.FusedMultiplyAdd(fn, -Ln2Hi, x);
        r = MathF.FusedMultiplyAdd(fn, -Ln2Lo, r);
        n = (int)fn;
    }

    // e^r − 1 = r + r²·(1/2 + r·(1/6 + … + r·1/8!))
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpM1Polynomial(float r)
    {
        float p = MathF.FusedMultiplyAdd(C8, r, C7);
        p = MathF.FusedMultiplyAdd(p, r, C6);
        p = MathF.FusedMultiplyAdd(p, r, C5);
        p = MathF.FusedMultiplyAdd(p, r, C4);
        p = MathF.FusedMultiplyAdd(p, r, C3);
        p = MathF.FusedMultiplyAdd(p, r, C2);
        return MathF.FusedMultiplyAdd(p * r, r, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Scale(float y, int n)
    {
        int n1 = n >> 1, n2 = n - n1;
        return y * Pow2(n1) * Pow2(n2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Pow2(int n) => BitConverter.Int32BitsToSingle((n + 127) << 23);

    // ---- Vector256 ------------------------------------------------------------------------------------------------

    /// <summary>e^x per lane for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> r = Reduce(x, out Vector256<int> n);
        Vector256<float> q = ExpM1Polynomial(r);
        Vector256<int> n1 = Vector256.ShiftRightArithmetic(n, 1);
        return (q + Vector256<float>.One) * Pow2(n1) * Pow2(n - n1);
    }

    /// <summary>e^x − 1 per lane for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpM1(Vector256<float> x)
    {
        Vector256<float> r = Reduce(x, out Vector256<int> n);
        Vector256<float> q = ExpM1Polynomial(r);
        Vector256<int> n1 = Vector256.ShiftRightArithmetic(n, 1);
        Vector256<float> scale = Pow2(n1) * Pow2(n - n1);
        return Vector256.FusedMultiplyAdd(scale, q, scale - Vector256<float>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reduce(Vector256<float> x, out Vector256<int> n)
    {
        x = Vector256.Max(x, Vector256.Create(Floor));
        Vector256<float> fn = Vector256.Round(x * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(fn, Vector256.Create(-Ln2Hi), x);
        r = Vector256.FusedMultiplyAdd(fn, Vector256.Create(-Ln2Lo), r);
        n = Vector256.ConvertToInt32(fn);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpM1Polynomial(Vector256<float> r)
    {
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(C8), r, Vector256.Create(C7));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C2));
        return Vector256.FusedMultiplyAdd(p * r, r, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pow2(Vector256<int> n) => Vector256.ShiftLeft(n + Vector256.Create(127), 23).AsSingle();

    // ---- Vector512 ------------------------------------------------------------------------------------------------

    /// <summary>e^x per lane for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> r = Reduce(x, out Vector512<int> n);
        Vector512<float> q = ExpM1Polynomial(r);
        Vector512<int> n1 = Vector512.ShiftRightArithmetic(n, 1);
        return (q + Vector512<float>.One) * Pow2(n1) * Pow2(n - n1);
    }

    /// <summary>e^x − 1 per lane for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpM1(Vector512<float> x)
    {
        Vector512<float> r = Reduce(x, out Vector512<int> n);
        Vector512<float> q = ExpM1Polynomial(r);
        Vector512<int> n1 = Vector512.ShiftRightArithmetic(n, 1);
        Vector512<float> scale = Pow2(n1) * Pow2(n - n1);
        return Vector512.FusedMultiplyAdd(scale, q, scale - Vector512<float>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Reduce(Vector512<float> x, out Vector512<int> n)
    {
        x = Vector512.Max(x, Vector512.Create(Floor));
        Vector512<float> fn = Vector512.Round(x * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(fn, Vector512.Create(-Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(fn, Vector512.Create(-Ln2Lo), r);
        n = Vector512.ConvertToInt32(fn);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpM1Polynomial(Vector512<float> r)
    {
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(C8), r, Vector512.Create(C7));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C2));
        return Vector512.FusedMultiplyAdd(p * r, r, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pow2(Vector512<int> n) => Vector512.ShiftLeft(n + Vector512.Create(127), 23).AsSingle();
}
