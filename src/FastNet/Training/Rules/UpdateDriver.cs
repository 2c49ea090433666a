using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastNet.Training.Rules;

/// <summary>
/// Runs an <see cref="IUpdateRule"/> over every parameter in one pass: Vector512 where accelerated, else Vector256, then a
/// scalar tail (the rules update state in place, so an overlapping last vector would apply them twice). Coupled L2
/// weight decay is folded into the gradient here, once for every rule: g ← dw + λ·w.
/// </summary>
internal static class UpdateDriver
{
    // w (n) ← rule(w, dw + λ·w (n), s0 (n), s1 (n))
    public static void Run<TRule>(in TRule rule, float decay, Span<float> w, ReadOnlySpan<float> dw, Span<float> s0, Span<float> s1)
        where TRule : struct, IUpdateRule
    {
        int n = w.Length;
        if (dw.Length != n || s0.Length != n || s1.Length != n)
            throw new ArgumentException($"parameter, gradient and state lengths differ ({n}, {dw.Length}, {s0.Length}, {s1.Length})");
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float gr = ref MemoryMarshal.GetReference(dw);
        ref float ar = ref MemoryMarshal.GetReference(s0);
        ref float br = ref MemoryMarshal.GetReference(s1);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            Vector512<float> lambda = Vector512.Create(decay);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                nuint at = (nuint)i;
                Vector512<float> wv = Vector512.LoadUnsafe(ref wr, at), av = Vector512.LoadUnsafe(ref ar, at), bv = Vector512.LoadUnsafe(ref br, at);
                Vector512<float> g = Vector512.LoadUnsafe(ref gr, at) + lambda * wv;
                rule.Update(ref wv, g, ref av, ref bv);
                wv.StoreUnsafe(ref wr, at);
                av.StoreUnsafe(ref ar, at);
                bv.StoreUnsafe(ref br, at);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            Vector256<float> lambda = Vector256.Create(decay);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                nuint at = (nuint)i;
                Vector256<float> wv = Vector256.LoadUnsafe(ref wr, at), av = Vector256.LoadUnsafe(ref ar, at), bv = Vector256.LoadUnsafe(ref br, at);
                Vector256<float> g = Vector256.LoadUnsafe(ref gr, at) + lambda * wv;
                rule.Update(ref wv, g, ref av, ref bv);
                wv.StoreUnsafe(ref wr, at);
                av.StoreUnsafe(ref ar, at);
                bv.StoreUnsafe(ref br, at);
            }
        }
        for (; i < n; i++)
        {
            ref float wi = ref Unsafe.Add(ref wr, i);
            rule.Update(ref wi, Unsafe.Add(ref gr, i) + decay * wi, ref Unsafe.Add(ref ar, i), ref Unsafe.Add(ref br, i));
        }
    }
}
