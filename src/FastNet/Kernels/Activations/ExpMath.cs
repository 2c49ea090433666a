using System.Runtime.CompilerServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels.Activations;

/// <summary>
/// e^x and e^x − 1 for x ≤ 0, the only range sigmoid and tanh need (they exponentiate −|z|), so nothing overflows.
/// x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite, two-part ln 2), a degree-7 Taylor polynomial in r (truncation
/// error below 10⁻⁸ relative, evaluated in Estrin's pairs), and 2ⁿ applied as one power, or, where a lane's result
/// may be subnormal, as two exact power-of-two factors so results down to the smallest subnormal round once. Below −105 the result is 0 (e^x) or −1 (e^x − 1) exactly. Written once for every width
/// (<see cref="IVectorWidth{TVec}"/>, scalar included), so a lane of a vector result has the bits of the scalar result.
/// </summary>
internal static class ExpMath
{
    private const float Log2E = 1.44269504f;
    private const float Ln2Hi = 0.693145752f;       // ln 2 rounded to 16 significant bits: n·Ln2Hi is exact
    private const float Ln2Lo = 1.42860677e-6f;     // ln 2 − Ln2Hi
    private const float Floor = -105f;              // e^−105 ≈ 2.5·10⁻⁴⁶ rounds to 0
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

    /// <summary>e^x per lane for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Exp<TVec, TW>(TVec x) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec r = Reduce<TVec, TW>(x, out TVec n);
        TVec m = TW.Add(ExpM1Polynomial<TVec, TW>(r), TW.Create(1f));
        if (NormalPowers<TVec, TW>(n)) return TW.Multiply(m, Pow2<TVec, TW>(n));
        TVec n1 = TW.Floor(TW.Multiply(n, TW.Create(0.5f)));   // a subnormal e^x: m·2ⁿ in two steps, rounded once
        return TW.Multiply(TW.Multiply(m, Pow2<TVec, TW>(n1)), Pow2<TVec, TW>(TW.Subtract(n, n1)));
    }

    /// <summary>e^x − 1 per lane for x ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ExpM1<TVec, TW>(TVec x) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec r = Reduce<TVec, TW>(x, out TVec n);
        TVec q = ExpM1Polynomial<TVec, TW>(r);
        TVec scale;   // 2ⁿ; 2ⁿ − 1 is exact for n ≥ −24; for n < −24 the sum is −1
        if (NormalPowers<TVec, TW>(n)) scale = Pow2<TVec, TW>(n);
        else
        {
            TVec n1 = TW.Floor(TW.Multiply(n, TW.Create(0.5f)));
            scale = TW.Multiply(Pow2<TVec, TW>(n1), Pow2<TVec, TW>(TW.Subtract(n, n1)));
        }
        return TW.MultiplyAdd(scale, q, TW.Subtract(scale, TW.Create(1f)));
    }

    // True when every lane's n ≥ −125 (x ≥ about −87: nearly always), so 2ⁿ is one normal power and m·2ⁿ with
    // m = 1 + q ≥ 1/√2 stays normal: multiplying by a power of two is then exact, and one multiply gives the bits of the
    // two-step product the general case needs (2^n₁ · 2^(n − n₁), n₁ = ⌊n / 2⌋, for n down to −152)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NormalPowers<TVec, TW>(TVec n) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        !TW.AnyLessThan(n, TW.Create(-125f));

    // r = x − n·ln 2 with n = round(x·log2 e), an integral float
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Reduce<TVec, TW>(TVec x, out TVec n) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec floor = TW.Create(Floor);
        x = TW.ConditionalSelect(TW.LessThan(x, floor), floor, x);   // Max's bits (NaN stays NaN) in two instructions, not Max's eight
        n = TW.Round(TW.Multiply(x, TW.Create(Log2E)));
        TVec r = TW.MultiplyAdd(n, TW.Create(-Ln2Hi), x);
        return TW.MultiplyAdd(n, TW.Create(-Ln2Lo), r);
    }

    // e^r − 1 = r + r²·P(r), P = 1/2! + r/3! + … + r⁵/7! (the Taylor terms past r⁷ add under 10⁻⁸ relative for
    // |r| ≤ ln 2 / 2), P in Estrin's pairs, (C2 + C3·r) + r²·((C4 + C5·r) + r²·(C6 + C7·r)): with the last step four
    // dependent operations where Horner's rule takes seven. Sigmoid and tanh wait on this chain (a tiny network's
    // forward pass is a run of sigmoids, so their latency is its time)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpM1Polynomial<TVec, TW>(TVec r) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec r2 = TW.Multiply(r, r);
        TVec p01 = TW.MultiplyAdd(TW.Create(C3), r, TW.Create(C2));
        TVec p23 = TW.MultiplyAdd(TW.Create(C5), r, TW.Create(C4));
        TVec p45 = TW.MultiplyAdd(TW.Create(C7), r, TW.Create(C6));
        TVec p = TW.MultiplyAdd(p45, r2, p23);
        p = TW.MultiplyAdd(p, r2, p01);
        return TW.MultiplyAdd(p, r2, r);
    }

    // 2ⁿ for integral n in [−126, 127], from its bit pattern (n + 127)·2²³ (exact in float)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Pow2<TVec, TW>(TVec n) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.FromBits(TW.Multiply(TW.Add(n, TW.Create(127f)), TW.Create(8388608f)));
}
