using System.Runtime.InteropServices;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels;

/// <summary>
/// Whether every float of a span is finite, by the exponent bits (all ones means NaN or ±∞), on the widest width
/// <see cref="VectorDispatch"/> chooses: one compare per vector and an overlapping last vector, so a clean span costs
/// one pass.
/// </summary>
internal static class FiniteCheck
{
    // x (n) → true when no element is NaN or ±∞
    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        var kernel = new Kernel(x);
        VectorDispatch.Run(ref kernel, x.Length);
        return kernel.Result;
    }

    /// <summary>The same on one width (scalar when the span is shorter than one vector); tests call each width directly.</summary>
    internal static bool AllFinite<TVec, TW>(ReadOnlySpan<float> x) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int n = x.Length;
        if (n == 0) return true;
        if (n < TW.Count) return AllFinite<float, ScalarWidth>(x);
        ref float r = ref MemoryMarshal.GetReference(x);
        for (nuint i = 0; i < (nuint)(n - TW.Count); i += (nuint)TW.Count)
            if (TW.AnyNonFinite(TW.Load(ref r, i))) return false;
        return !TW.AnyNonFinite(TW.Load(ref r, (nuint)(n - TW.Count)));
    }

    private ref struct Kernel(ReadOnlySpan<float> x) : IVectorKernel
    {
        private readonly ReadOnlySpan<float> _x = x;

        public bool Result { get; private set; }

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> => Result = AllFinite<TVec, TW>(_x);
    }
}
