using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;
using static FastNet.Kernels.TileSizes;

namespace FastNet.Kernels;

/// <summary>
/// The forward pass of a tiny network (every input and layer at most <see cref="MaxWidth"/> wide, at most
/// <see cref="MaxLayers"/> layers) with the batch in the vector lanes: a block of one vector's worth of rows is
/// transposed into one vector per feature, each unit is a chain of multiply-adds over its inputs with the weight
/// broadcast, then the bias and the activation, and the last layer is transposed back into row-major y. Every layer of
/// the block stays in two small stack buffers, so nothing touches memory but x and y. Written once for every width
/// (<see cref="IVectorWidth{TVec}"/>): whole blocks on the widest accelerated vector, the rest on narrower ones, the
/// last rows one at a time. Each element follows its layer's <see cref="TinySum"/> and the activation operator, whose
/// lanes have the scalar bits, so every width gives every element the same bits.
/// </summary>
[SkipLocalsInit]
internal static unsafe class TinyInference
{
    /// <summary>The widest input or layer the kernel takes.</summary>
    public const int MaxWidth = 16;

    /// <summary>The most layers the kernel takes.</summary>
    public const int MaxLayers = 8;

    private const int MaxLanes = 16;

    /// <summary>
    /// y (rows×n_last) = f_last(… f_1(x (rows×k_1) · W_1 + b_1) …) for the <paramref name="count"/> layers, blocks on
    /// vectors of <paramref name="lanes"/> floats (16, 8, 4 or 1; every width gives the same bits) and the rest scalar,
    /// or with 0 the widest accelerated width first, then narrower ones, then scalar.
    /// </summary>
    public static void Run(int lanes, TinyLayer* layers, int count, float* x, float* y, int rows)
    {
        switch (lanes)
        {
            case 0: Run(layers, count, x, y, rows); break;
            case 16: Run<Vector512<float>, Vector512Width>(layers, count, x, y, rows); break;
            case 8: Run<Vector256<float>, Vector256Width>(layers, count, x, y, rows); break;
            case 4: Run<Vector128<float>, Vector128Width>(layers, count, x, y, rows); break;
            case 1: Run<float, ScalarWidth>(layers, count, x, y, rows); break;
            default: throw new ArgumentOutOfRangeException(nameof(lanes), lanes, "0, 16, 8, 4 or 1");
        }
    }

    // y (rows×n_last) = f_last(… f_1(x (rows×k_1) · W_1 + b_1) …), the widest accelerated width first, then narrower, then scalar
    private static void Run(TinyLayer* layers, int count, float* x, float* y, int rows)
    {
        float* buffers = stackalloc float[BufferLength];
        int done = 0;
        if (Vector512.IsHardwareAccelerated) done = Blocks<Vector512<float>, Vector512Width>(layers, count, x, y, done, rows, buffers);
        if (Vector256.IsHardwareAccelerated) done = Blocks<Vector256<float>, Vector256Width>(layers, count, x, y, done, rows, buffers);
        if (Vector128.IsHardwareAccelerated) done = Blocks<Vector128<float>, Vector128Width>(layers, count, x, y, done, rows, buffers);
        Blocks<float, ScalarWidth>(layers, count, x, y, done, rows, buffers);
    }

    // the same with whole blocks on one width (in software where the hardware lacks it), the rest scalar
    private static void Run<TVec, TW>(TinyLayer* layers, int count, float* x, float* y, int rows)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        float* buffers = stackalloc float[BufferLength];
        int done = Blocks<TVec, TW>(layers, count, x, y, 0, rows, buffers);
        Blocks<float, ScalarWidth>(layers, count, x, y, done, rows, buffers);
    }

    // the most vectors of rows a block takes side by side
    private const int MaxVectors = 4;

    // two layers' worth (input and output) of a block of MaxVectors vectors per feature
    private const int BufferLength = 2 * MaxWidth * MaxVectors * MaxLanes;

    // rows from .. (as many whole blocks of TW.Count rows as fit before rows); returns the first row not computed. Blocks
    // of four vectors of rows first: they are independent, so one unit's four activations overlap instead of each
    // waiting on the whole latency of the one before it (two vectors measured 23 % faster than one); then two, then one
    private static int Blocks<TVec, TW>(TinyLayer* layers, int count, float* x, float* y, int from, int rows, float* buffers)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int w = TW.Count, r = from;
        for (; r + 4 * w <= rows; r += 4 * w) Block<TVec, TW, T4>(layers, count, x, y, r, buffers);
        for (; r + 2 * w <= rows; r += 2 * w) Block<TVec, TW, T2>(layers, count, x, y, r, buffers);
        for (; r + w <= rows; r += w) Block<TVec, TW, T1>(layers, count, x, y, r, buffers);
        return r;
    }

    // rows r .. r + V·w: x (V·w×k) → one V-vector row per feature (k×V·w), every layer, the last (n×V·w) → y (V·w×n)
    private static void Block<TVec, TW, TVectors>(TinyLayer* layers, int count, float* x, float* y, int r, float* buffers)
        where TVec : struct where TW : struct, IVectorWidth<TVec> where TVectors : struct, ITileSize
    {
        int w = TVectors.Value * TW.Count, k = layers[0].K, outputs = layers[count - 1].N;
        float* input = buffers, output = buffers + BufferLength / 2;
        float* xr = x + (nint)r * k;
        if (k == 1) new Span<float>(xr, w).CopyTo(new Span<float>(input, w));
        else if (k == 2)   // the seed's two features: pairs split into one vector of each, a vector of rows at a time
            for (int v = 0; v < w; v += TW.Count)
            {
                TW.Deinterleave(TW.Load(ref *xr, (nuint)(2 * v)), TW.Load(ref *xr, (nuint)(2 * v + TW.Count)), out TVec first, out TVec second);
                TW.Store(first, ref *input, (nuint)v);
                TW.Store(second, ref *input, (nuint)(w + v));
            }
        else
            for (int i = 0; i < w; i++)
                for (int p = 0; p < k; p++) input[p * w + i] = xr[i * k + p];
        for (int l = 0; l < count; l++)
        {
            Layer<TVec, TW, TVectors>(layers[l], input, output);
            float* done = output;
            output = input;
            input = done;
        }
        float* yr = y + (nint)r * outputs;
        if (outputs == 1) new Span<float>(input, w).CopyTo(new Span<float>(yr, w));
        else
            for (int i = 0; i < w; i++)
                for (int j = 0; j < outputs; j++) yr[i * outputs + j] = input[j * w + i];
    }

    private static void Layer<TVec, TW, TVectors>(in TinyLayer layer, float* input, float* output)
        where TVec : struct where TW : struct, IVectorWidth<TVec> where TVectors : struct, ITileSize
    {
        switch (layer.Activation)
        {
            case Activation.Identity: Units<TVec, TW, TVectors, IdentityOperator>(layer, input, output); break;
            case Activation.Sigmoid: Units<TVec, TW, TVectors, SigmoidOperator>(layer, input, output); break;
            case Activation.Tanh: Units<TVec, TW, TVectors, TanhOperator>(layer, input, output); break;
            case Activation.Relu: Units<TVec, TW, TVectors, ReluOperator>(layer, input, output); break;
            default: throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "not element-wise");
        }
    }

    // a (n×V·w) = f(x (k×V·w)ᵀ · W (k×n) + b), lanes are rows: unit j is Σₚ x row p · W(p, j) in the layer's sequence,
    // for V = 1, 2 or 4 vectors of rows side by side: the V sums, then the V activations, which are independent
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Units<TVec, TW, TVectors, TAct>(in TinyLayer layer, float* x, float* a)
        where TVec : struct where TW : struct, IVectorWidth<TVec> where TVectors : struct, ITileSize where TAct : struct, IActivationOperator<TAct>
    {
        int w = TW.Count, V = TVectors.Value, stride = V * w, n = layer.N;
        for (int j = 0; j < n; j++)
        {
            TVec z0 = Sum<TVec, TW>(layer, x, stride, j);
            TVec z1 = V > 1 ? Sum<TVec, TW>(layer, x + w, stride, j) : z0;
            TVec z2 = V > 2 ? Sum<TVec, TW>(layer, x + 2 * w, stride, j) : z0;
            TVec z3 = V > 3 ? Sum<TVec, TW>(layer, x + 3 * w, stride, j) : z0;
            float* aj = a + j * stride;
            TW.Store(TAct.Forward<TVec, TW>(z0), ref *aj, 0);
            if (V > 1) TW.Store(TAct.Forward<TVec, TW>(z1), ref *aj, (nuint)w);
            if (V > 2) TW.Store(TAct.Forward<TVec, TW>(z2), ref *aj, (nuint)(2 * w));
            if (V > 3) TW.Store(TAct.Forward<TVec, TW>(z3), ref *aj, (nuint)(3 * w));
        }
    }

    // z_j for one vector of rows (x: row p of the features at x + p·stride) in the layer's sequence (TinySum), + b
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Sum<TVec, TW>(in TinyLayer layer, float* x, int stride, int j) where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int k = layer.K, n = layer.N, p = 0;
        float* wj = layer.W + j;
        bool four = layer.Sum == TinySum.FourChains;
        TVec s0 = TW.Zero, s1 = TW.Zero, s2 = TW.Zero, s3 = TW.Zero;
        if (four)
            for (; p <= k - 4; p += 4)
            {
                float* xp = x + p * stride;
                s0 = TW.MultiplyAdd(TW.Load(ref *xp, 0), TW.Create(wj[p * n]), s0);
                s1 = TW.MultiplyAdd(TW.Load(ref *xp, (nuint)stride), TW.Create(wj[(p + 1) * n]), s1);
                s2 = TW.MultiplyAdd(TW.Load(ref *xp, (nuint)(2 * stride)), TW.Create(wj[(p + 2) * n]), s2);
                s3 = TW.MultiplyAdd(TW.Load(ref *xp, (nuint)(3 * stride)), TW.Create(wj[(p + 3) * n]), s3);
            }
        // the one chain, or the last k mod 4 steps of the four on the first
        for (; p < k; p++) s0 = TW.MultiplyAdd(TW.Load(ref *x, (nuint)(p * stride)), TW.Create(wj[p * n]), s0);
        // over fewer than four inputs chains 1 to 3 never start: (s0 + s1) + (s2 + s3) with s1 = s2 = s3 = +0 is s0 + 0,
        // bit for bit (the +0 turns a −0 into +0 once; adding +0 again changes nothing)
        if (four) s0 = k < 4 ? TW.Add(s0, TW.Zero) : TW.Add(TW.Add(s0, s1), TW.Add(s2, s3));
        if (layer.Bias != null) return TW.Add(s0, TW.Create(layer.Bias[j]));
        return layer.Sum == TinySum.ChainPlusBias ? TW.Add(s0, TW.Zero) : s0;
    }
}
