using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastNet.Kernels;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;

namespace FastNet.Losses;

/// <summary>
/// The pass sse and mse share: Σ (a − t)² and dz = scale·(a − t) ⊙ f′(a) in one pass over a, t and dz, on the widest
/// width <see cref="VectorDispatch"/> chooses, then a scalar tail (the sum must not count the overlap twice).
/// </summary>
internal static class SquaredError
{
    /// <summary>Returns Σ (a − t)² and writes dz (dz.Length) = scale·(a − t) ⊙ f′(a).</summary>
    public static float SumAndGradient(Activation output, ReadOnlySpan<float> a, ReadOnlySpan<float> t, Span<float> dz, float scale) =>
        output switch
        {
            Activation.Identity => SumAndGradient<IdentityOperator>(a, t, dz, scale),
            Activation.Sigmoid => SumAndGradient<SigmoidOperator>(a, t, dz, scale),
            Activation.Tanh => SumAndGradient<TanhOperator>(a, t, dz, scale),
            Activation.Relu => SumAndGradient<ReluOperator>(a, t, dz, scale),
            _ => throw new NotSupportedException($"{output} has no element-wise derivative; it is only valid with its loss"),
        };

    private static float SumAndGradient<TAct>(ReadOnlySpan<float> a, ReadOnlySpan<float> t, Span<float> dz, float scale)
        where TAct : struct, IActivationOperator<TAct>
    {
        var kernel = new Kernel<TAct>(a, t, dz, scale);
        VectorDispatch.Run(ref kernel, dz.Length);
        return kernel.Sum;
    }

    /// <summary>The same on one width, then the scalar tail; tests call each width directly.</summary>
    internal static float SumAndGradient<TAct, TVec, TW>(ReadOnlySpan<float> a, ReadOnlySpan<float> t, Span<float> dz, float scale)
        where TAct : struct, IActivationOperator<TAct> where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int length = dz.Length;
        if (a.Length < length || t.Length < length) throw new ArgumentException("a and t are shorter than dz");
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float tr = ref MemoryMarshal.GetReference(t);
        ref float dr = ref MemoryMarshal.GetReference(dz);
        float sum = Pass<TAct, TVec, TW>(ref ar, ref tr, ref dr, scale, length, out int i);
        if (TW.Count == 1) return sum;
        for (; i < length; i++)
        {
            float ai = Unsafe.Add(ref ar, i);
            float d = ai - Unsafe.Add(ref tr, i);
            sum = ScalarWidth.MultiplyAdd(d, d, sum);
            Unsafe.Add(ref dr, i) = TAct.Backward<float, ScalarWidth>(d * scale, ai);
        }
        return sum;
    }

    // whole vectors: Σ (a − t)² per lane, then the lanes' sum; end = where they stopped
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Pass<TAct, TVec, TW>(ref float ar, ref float tr, ref float dr, float scale, int length, out int end)
        where TAct : struct, IActivationOperator<TAct> where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        TVec sums = TW.Zero, scales = TW.Create(scale);
        int i = 0;
        for (; i <= length - TW.Count; i += TW.Count)
        {
            TVec ai = TW.Load(ref ar, (nuint)i);
            TVec d = TW.Subtract(ai, TW.Load(ref tr, (nuint)i));
            sums = TW.MultiplyAdd(d, d, sums);
            TW.Store(TW.Binary<ActivationBackward<TAct>>(TW.Multiply(d, scales), ai), ref dr, (nuint)i);
        }
        end = i;
        return TW.Sum(sums);
    }

    private ref struct Kernel<TAct>(ReadOnlySpan<float> a, ReadOnlySpan<float> t, Span<float> dz, float scale) : IVectorKernel
        where TAct : struct, IActivationOperator<TAct>
    {
        private readonly ReadOnlySpan<float> _a = a, _t = t;
        private readonly Span<float> _dz = dz;

        public float Sum { get; private set; }

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> =>
            Sum = SumAndGradient<TAct, TVec, TW>(_a, _t, _dz, scale);
    }
}
