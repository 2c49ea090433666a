using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;

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
        float* buffers = stackalloc float[2 * MaxWidth * MaxLanes];
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
        float* buffers = stackalloc float[2 * MaxWidth * MaxLanes];
        int done = Blocks<TVec, TW>(layers, count, x, y, 0, rows, buffers);
        Blocks<float, ScalarWidth>(layers, count, x, y, done, rows, buffers);
    }

    // rows from .. (as many whole blocks of TW.Count rows as fit before rows); returns the first row not computed
    private static int Blocks<TVec, TW>(TinyLayer* layers, int count, float* x, float* y, int from, int rows, float* buffers)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int w = TW.Count, k = layers[0].K, outputs = layers[count - 1].N;
        int r = from;
        for (; r + w <= rows; r += w)
        {
            // x rows r .. r+w (w×k) → one vector per feature (k×w)
            float* input = buffers, output = buffers + MaxWidth * MaxLanes;
            float* xr = x + (nint)r * k;
            if (k == 1) TW.Store(TW.Load(ref *xr, 0), ref *input, 0);
            else
                for (int i = 0; i < w; i++)
                    for (int p = 0; p < k; p++) input[p * w + i] = xr[i * k + p];
            for (int l = 0; l < count; l++)
            {
                Layer<TVec, TW>(layers[l], input, output);
                float* done = output;
                output = input;
                input = done;
            }
            // the last layer (outputs×w) → y rows r .. r+w (w×outputs)
            float* yr = y + (nint)r * outputs;
            if (outputs == 1) TW.Store(TW.Load(ref *input, 0), ref *yr, 0);
            else
                for (int i = 0; i < w; i++)
                    for (int j = 0; j < outputs; j++) yr[i * outputs + j] = input[j * w + i];
        }
        return r;
    }

    private static void Layer<TVec, TW>(in TinyLayer layer, float* input, float* output)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        switch (layer.Activation)
        {
            case Activation.Identity: Units<TVec, TW, IdentityOperator>(layer, input, output); break;
            case Activation.Sigmoid: Units<TVec, TW, SigmoidOperator>(layer, input, output); break;
            case Activation.Tanh: Units<TVec, TW, TanhOperator>(layer, input, output); break;
            case Activation.Relu: Units<TVec, TW, ReluOperator>(layer, input, output); break;
            default: throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "not element-wise");
        }
    }

    // a (n×w) = f(x (k×w)ᵀ · W (k×n) + b), lanes are rows: unit j is Σₚ x row p · W(p, j) in the layer's sequence
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Units<TVec, TW, TAct>(in TinyLayer layer, float* x, float* a)
        where TVec : struct where TW : struct, IVectorWidth<TVec> where TAct : struct, IActivationOperator<TAct>
    {
        int w = TW.Count, k = layer.K, n = layer.N;
        float* weights = layer.W, bias = layer.Bias;
        bool four = layer.Sum == TinySum.FourChains, plusZero = layer.Sum == TinySum.ChainPlusBias;
        for (int j = 0; j < n; j++)
        {
            float* wj = weights + j;
            TVec s0 = TW.Zero;
            int p = 0;
            if (four)
            {
                TVec s1 = TW.Zero, s2 = TW.Zero, s3 = TW.Zero;
                for (; p <= k - 4; p += 4)
                {
                    s0 = TW.MultiplyAdd(TW.Load(ref *x, (nuint)(p * w)), TW.Create(wj[p * n]), s0);
                    s1 = TW.MultiplyAdd(TW.Load(ref *x, (nuint)((p + 1) * w)), TW.Create(wj[(p + 1) * n]), s1);
                    s2 = TW.MultiplyAdd(TW.Load(ref *x, (nuint)((p + 2) * w)), TW.Create(wj[(p + 2) * n]), s2);
                    s3 = TW.MultiplyAdd(TW.Load(ref *x, (nuint)((p + 3) * w)), TW.Create(wj[(p + 3) * n]), s3);
                }
                for (; p < k; p++) s0 = TW.MultiplyAdd(TW.Load(ref *x, (nuint)(p * w)), TW.Create(wj[p * n]), s0);
                s0 = TW.Add(TW.Add(s0, s1), TW.Add(s2, s3));
            }
            else
            {
                for (; p < k; p++) s0 = TW.MultiplyAdd(TW.Load(ref *x, (nuint)(p * w)), TW.Create(wj[p * n]), s0);
            }
            if (bias != null) s0 = TW.Add(s0, TW.Create(bias[j]));
            else if (plusZero) s0 = TW.Add(s0, TW.Zero);
            TW.Store(TAct.Forward<TVec, TW>(s0), ref *a, (nuint)(j * w));
        }
    }
}
