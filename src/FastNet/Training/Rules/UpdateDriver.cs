using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Training.Rules;

/// <summary>
/// Runs an <see cref="IUpdateRule"/> over every parameter in one pass, on the widest width <see cref="VectorDispatch"/>
/// chooses, then a scalar tail (the rules update state in place, so an overlapping last vector would apply them twice).
/// Coupled L2 weight decay is folded into the gradient here, once for every rule: g ← dw + λ·w.
/// </summary>
internal static class UpdateDriver
{
    // w (n) ← rule(w, dw + λ·w (n), s0 (n), s1 (n))
    public static void Run<TRule>(in TRule rule, float decay, Span<float> w, ReadOnlySpan<float> dw, Span<float> s0, Span<float> s1)
        where TRule : struct, IUpdateRule
    {
        var kernel = new Kernel<TRule>(rule, decay, w, dw, s0, s1);
        VectorDispatch.Run(ref kernel, w.Length);
    }

    /// <summary>The same pass on one width (then the scalar tail); tests call each width directly.</summary>
    internal static void Run<TRule, TVec, TW>(in TRule rule, float decay, Span<float> w, ReadOnlySpan<float> dw, Span<float> s0, Span<float> s1)
        where TRule : struct, IUpdateRule where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int n = w.Length;
        if (dw.Length != n || s0.Length != n || s1.Length != n)
            throw new ArgumentException($"parameter, gradient and state lengths differ ({n}, {dw.Length}, {s0.Length}, {s1.Length})");
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float gr = ref MemoryMarshal.GetReference(dw);
        ref float ar = ref MemoryMarshal.GetReference(s0);
        ref float br = ref MemoryMarshal.GetReference(s1);
        int i = Update<TRule, TVec, TW>(rule, decay, ref wr, ref gr, ref ar, ref br, 0, n);
        Update<TRule, float, ScalarWidth>(rule, decay, ref wr, ref gr, ref ar, ref br, i, n);
    }

    // whole vectors of the width from start; returns where they stopped
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Update<TRule, TVec, TW>(in TRule rule, float decay, ref float wr, ref float gr, ref float ar, ref float br, int start, int n)
        where TRule : struct, IUpdateRule where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec lambda = TW.Create(decay);
        int i = start;
        for (; i <= n - TW.Count; i += TW.Count)
        {
            nuint at = (nuint)i;
            TVec wv = TW.Load(ref wr, at), av = TW.Load(ref ar, at), bv = TW.Load(ref br, at);
            TVec g = TW.Add(TW.Load(ref gr, at), TW.Multiply(lambda, wv));
            rule.Update<TVec, TW>(ref wv, g, ref av, ref bv);
            TW.Store(wv, ref wr, at);
            TW.Store(av, ref ar, at);
            TW.Store(bv, ref br, at);
        }
        return i;
    }

    private readonly ref struct Kernel<TRule>(TRule rule, float decay, Span<float> w, ReadOnlySpan<float> dw, Span<float> s0, Span<float> s1)
        : IVectorKernel where TRule : struct, IUpdateRule
    {
        private readonly TRule _rule = rule;
        private readonly float _decay = decay;
        private readonly Span<float> _w = w, _s0 = s0, _s1 = s1;
        private readonly ReadOnlySpan<float> _dw = dw;

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> =>
            UpdateDriver.Run<TRule, TVec, TW>(_rule, _decay, _w, _dw, _s0, _s1);
    }
}
