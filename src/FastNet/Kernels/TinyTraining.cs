using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels;

/// <summary>
/// Forward, sse/mse loss and backward of a small all-sigmoid network in one kernel, vectorised across the batch: one
/// sample per lane (16 on Vector512, 8 on Vector256, 4 on Vector128), every layer's activations kept transposed
/// (units×batch) in scratch, so a unit is a chain of broadcast multiply-adds and one sigmoid for a vector of samples.
/// Written once for every width (<see cref="IVectorWidth{TVec}"/>); <see cref="VectorDispatch"/> picks the widest the
/// hardware accelerates. Gradients are summed per lane over the batch and the lanes are added in a fixed order at the
/// end (<see cref="IVectorWidth{TVec}.HalvingSum"/>), so the result depends only on the inputs and the width (never on
/// timing). Optionally computes the input gradient ∂L/∂x as well.
/// </summary>
internal static class TinyTraining
{
    /// <summary>The widest input or layer the kernel takes.</summary>
    public const int MaxWidth = 16;

    /// <summary>The most layers the kernel takes.</summary>
    public const int MaxLayers = 8;

    private const int MaxLanes = 16;   // scratch rows are padded for the widest vector, so any width fits

    /// <summary>Whether the kernel trains this network (and the hardware accelerates some vector width): it has no dropout.</summary>
    public static bool Supports(int inputs, ReadOnlySpan<LayerSpec> layers, Loss loss)
    {
        if (!Vector128.IsHardwareAccelerated || loss is not (Loss.Sse or Loss.Mse)) return false;
        if (inputs > MaxWidth || layers.Length > MaxLayers) return false;
        foreach (LayerSpec spec in layers)
            if (spec.Units > MaxWidth || spec.Activation != Activation.Sigmoid || spec.Dropout > 0f) return false;
        return true;
    }

    /// <summary>Floats of scratch <see cref="Run"/> needs for up to <paramref name="maxBatch"/> samples: x and t transposed, every layer's activations, two delta blocks.</summary>
    public static int ScratchLength(int inputs, ReadOnlySpan<LayerSpec> layers, int maxBatch)
    {
        int rows = inputs + layers[^1].Units + 2 * MaxWidth;
        foreach (LayerSpec spec in layers) rows += spec.Units;
        return rows * Padded(maxBatch, MaxLanes);
    }

    /// <summary>
    /// Returns L and writes gradients = ∂L/∂θ (per layer W (inputs×units) then b, the parameters' layout), output
    /// (batch×outputs) = a_out and, unless it is empty, inputGradient (batch×inputs) = ∂L/∂x, for x (batch×inputs)
    /// against t (batch×outputs), on the widest accelerated width.
    /// </summary>
    public static float Run(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, int inputs,
        LayerSpec[] layers, Loss loss, Span<float> gradients, Span<float> output, Span<float> inputGradient, Span<float> scratch)
    {
        var kernel = new Kernel(parameters, x, t, batch, inputs, layers, loss, gradients, output, inputGradient, scratch);
        VectorDispatch.Run(ref kernel, int.MaxValue);
        return kernel.Loss;
    }

    // Everything transposed (features×P, P = batch rounded up to the width's lanes):
    // z_l (units×P) = W_lᵀ (units×inputs) · a_{l-1} (inputs×P) + b_l;  a_l = σ(z_l)
    // dz_out = scale·(a − t) ⊙ a(1 − a);  dW_l (inputs×units) = a_{l-1} · dz_lᵀ;  db_l = Σ_P dz_l;
    // dz_{l-1} = (W_l · dz_l) ⊙ a(1 − a);  dx (inputs×P) = W_0 · dz_0
    /// <summary>The same on one width; tests call each width directly.</summary>
    internal static float Run<TVec, TW>(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, int inputs,
        LayerSpec[] layers, Loss loss, Span<float> gradients, Span<float> output, Span<float> inputGradient, Span<float> scratch)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int layerCount = layers.Length, outputs = layers[^1].Units, stride = Padded(batch, TW.Count);
        int parameterCount = 0, fanIn = inputs;
        foreach (LayerSpec spec in layers)
        {
            parameterCount += fanIn * spec.Units + (spec.Bias ? spec.Units : 0);
            fanIn = spec.Units;
        }
        bool wantInputGradient = !inputGradient.IsEmpty;
        if (layerCount > MaxLayers || x.Length < batch * inputs || t.Length < batch * outputs || output.Length < batch * outputs ||
            parameters.Length < parameterCount || gradients.Length < parameterCount || scratch.Length < ScratchLength(inputs, layers, batch) ||
            (wantInputGradient && inputGradient.Length < batch * inputs))
            throw new ArgumentException("the spans do not fit the network and batch");

        // x (batch×inputs) → x' (inputs×P), t (batch×outputs) → t' (outputs×P), zero beyond the batch
        int targetAt = inputs * stride, activationAt = (inputs + outputs) * stride;
        Transpose(x, scratch, 0, batch, stride, inputs);
        Transpose(t, scratch, targetAt, batch, stride, outputs);

        // forward, remembering where each layer's input and parameters are
        Span<int> inputAt = stackalloc int[MaxLayers + 1], weightAt = stackalloc int[MaxLayers];
        int p = 0;
        fanIn = inputs;
        inputAt[0] = 0;
        int next = activationAt;
        for (int l = 0; l < layerCount; l++)
        {
            int units = layers[l].Units;
            weightAt[l] = p;
            inputAt[l + 1] = next;
            ForwardLayer<TVec, TW>(parameters.Slice(p), layers[l].Bias, scratch, inputAt[l], next, fanIn, units, stride);
            p += fanIn * units + (layers[l].Bias ? units : 0);
            next += units * stride;
            fanIn = units;
        }

        int deltaAt = next, belowAt = next + MaxWidth * stride;
        float total = OutputDelta<TVec, TW>(scratch, inputAt[layerCount], targetAt, deltaAt, output, batch, outputs, stride,
            loss == Loss.Sse ? 1f : 2f / (batch * outputs));

        for (int l = layerCount - 1; l >= 0; l--)
        {
            int below = l == 0 ? inputs : layers[l - 1].Units;
            bool propagate = l > 0 || wantInputGradient;
            BackwardLayer<TVec, TW>(parameters.Slice(weightAt[l]), gradients.Slice(weightAt[l]), layers[l].Bias, scratch, inputAt[l], deltaAt,
                propagate ? belowAt : -1, l > 0, below, layers[l].Units, stride);
            (deltaAt, belowAt) = (belowAt, deltaAt);
        }
        if (wantInputGradient) TransposeBack(scratch, deltaAt, inputGradient, batch, stride, inputs);
        return loss == Loss.Sse ? 0.5f * total : total * (1f / (batch * outputs));
    }

    private static int Padded(int batch, int lanes) => (batch + lanes - 1) / lanes * lanes;

    // a (units×P) at aAt = σ(W (fanIn×units)ᵀ · in (fanIn×P) at inAt + b (units, after W in wb))
    private static void ForwardLayer<TVec, TW>(ReadOnlySpan<float> wb, bool bias, Span<float> scratch, int inAt, int aAt, int fanIn, int units, int stride)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        ref float w = ref MemoryMarshal.GetReference(wb);
        ref float s = ref MemoryMarshal.GetReference(scratch);
        for (int j = 0; j < units; j++)
        {
            TVec b = bias ? TW.Create(Unsafe.Add(ref w, fanIn * units + j)) : TW.Zero;
            ref float a = ref Unsafe.Add(ref s, aAt + j * stride);
            if (fanIn <= 4)
            {
                // up to four inputs (the seed's layers): the weights broadcast once per unit, not once per vector, and no
                // inner loop, so more of the sigmoids' long chains fit in flight; the same multiply-adds in the same order
                ref float x0 = ref Unsafe.Add(ref s, inAt);
                // (rows past fanIn alias x0: a reference past them could point past the scratch, which the GC must not see)
                ref float x1 = ref fanIn > 1 ? ref Unsafe.Add(ref x0, stride) : ref x0;
                ref float x2 = ref fanIn > 2 ? ref Unsafe.Add(ref x0, 2 * stride) : ref x0;
                ref float x3 = ref fanIn > 3 ? ref Unsafe.Add(ref x0, 3 * stride) : ref x0;
                TVec w0 = TW.Create(Unsafe.Add(ref w, j));
                TVec w1 = fanIn > 1 ? TW.Create(Unsafe.Add(ref w, units + j)) : w0;
                TVec w2 = fanIn > 2 ? TW.Create(Unsafe.Add(ref w, 2 * units + j)) : w0;
                TVec w3 = fanIn > 3 ? TW.Create(Unsafe.Add(ref w, 3 * units + j)) : w0;
                for (int c = 0; c < stride; c += TW.Count)
                {
                    TVec z = TW.MultiplyAdd(TW.Load(ref x0, (nuint)c), w0, b);
                    if (fanIn > 1) z = TW.MultiplyAdd(TW.Load(ref x1, (nuint)c), w1, z);
                    if (fanIn > 2) z = TW.MultiplyAdd(TW.Load(ref x2, (nuint)c), w2, z);
                    if (fanIn > 3) z = TW.MultiplyAdd(TW.Load(ref x3, (nuint)c), w3, z);
                    TW.Store(TW.Unary<SigmoidOperator>(z), ref a, (nuint)c);
                }
                continue;
            }
            for (int c = 0; c < stride; c += TW.Count)
            {
                TVec z = b;
                for (int i = 0; i < fanIn; i++)
                    z = TW.MultiplyAdd(Load<TVec, TW>(ref s, inAt + i * stride + c), TW.Create(Unsafe.Add(ref w, i * units + j)), z);
                TW.Store(TW.Unary<SigmoidOperator>(z), ref a, (nuint)c);
            }
        }
    }

    // returns Σ (a − t)² over the batch; dz (outputs×P) at dzAt = scale·(a − t) ⊙ a(1 − a), 0 beyond the batch;
    // output (batch×outputs) = a (outputs×P at aAt) transposed back
    private static float OutputDelta<TVec, TW>(Span<float> scratch, int aAt, int tAt, int dzAt, Span<float> output, int batch, int outputs, int stride, float scale)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        ref float s = ref MemoryMarshal.GetReference(scratch);
        TVec sums = TW.Zero, scales = TW.Create(scale);
        TVec lane = TW.Load(ref MemoryMarshal.GetReference(LaneIndex), 0);
        for (int j = 0; j < outputs; j++)
            for (int c = 0; c < stride; c += TW.Count)
            {
                TVec a = Load<TVec, TW>(ref s, aAt + j * stride + c);
                TVec valid = TW.LessThan(lane, TW.Create(batch - c));
                TVec diff = TW.ConditionalSelect(valid, TW.Subtract(a, Load<TVec, TW>(ref s, tAt + j * stride + c)), TW.Zero);
                sums = TW.MultiplyAdd(diff, diff, sums);
                Store<TVec, TW>(SigmoidOperatorBackward<TVec, TW>(TW.Multiply(scales, diff), a), ref s, dzAt + j * stride + c);
            }
        TransposeBack(scratch, aAt, output, batch, stride, outputs);
        return TW.HalvingSum(sums);
    }

    // dW (fanIn×units) = in (fanIn×P at inAt) · dz (units×P at dzAt)ᵀ and db (units, after dW) = Σ_P dz, each summed per lane
    // over P then over the lanes; with belowAt ≥ 0, da_below (fanIn×P) = W · dz, times in(1 − in) when sigmoidBelow
    private static void BackwardLayer<TVec, TW>(ReadOnlySpan<float> wb, Span<float> gradients, bool bias, Span<float> scratch, int inAt, int dzAt,
        int belowAt, bool sigmoidBelow, int fanIn, int units, int stride)
        where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        ref float w = ref MemoryMarshal.GetReference(wb);
        ref float s = ref MemoryMarshal.GetReference(scratch);
        for (int i = 0; i < fanIn; i++)
        {
            for (int j = 0; j <= units - 4; j += 4)   // four units at a time: four independent multiply-add chains
            {
                TVec sum0 = TW.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
                for (int c = 0; c < stride; c += TW.Count)
                {
                    TVec xi = Load<TVec, TW>(ref s, inAt + i * stride + c);
                    int dz = dzAt + j * stride + c;
                    sum0 = TW.MultiplyAdd(xi, Load<TVec, TW>(ref s, dz), sum0);
                    sum1 = TW.MultiplyAdd(xi, Load<TVec, TW>(ref s, dz + stride), sum1);
                    sum2 = TW.MultiplyAdd(xi, Load<TVec, TW>(ref s, dz + 2 * stride), sum2);
                    sum3 = TW.MultiplyAdd(xi, Load<TVec, TW>(ref s, dz + 3 * stride), sum3);
                }
                gradients[i * units + j] = TW.HalvingSum(sum0);
                gradients[i * units + j + 1] = TW.HalvingSum(sum1);
                gradients[i * units + j + 2] = TW.HalvingSum(sum2);
                gradients[i * units + j + 3] = TW.HalvingSum(sum3);
            }
        }
        // the units past the last four, four inputs at a time: four independent chains again (the seed's output layer
        // has one unit and four inputs), each element's the same sum as alone
        for (int j = units / 4 * 4; j < units; j++)
        {
            int i = 0;
            for (; i <= fanIn - 4; i += 4)
            {
                TVec sum0 = TW.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
                for (int c = 0; c < stride; c += TW.Count)
                {
                    TVec dz = Load<TVec, TW>(ref s, dzAt + j * stride + c);
                    int x = inAt + i * stride + c;
                    sum0 = TW.MultiplyAdd(Load<TVec, TW>(ref s, x), dz, sum0);
                    sum1 = TW.MultiplyAdd(Load<TVec, TW>(ref s, x + stride), dz, sum1);
                    sum2 = TW.MultiplyAdd(Load<TVec, TW>(ref s, x + 2 * stride), dz, sum2);
                    sum3 = TW.MultiplyAdd(Load<TVec, TW>(ref s, x + 3 * stride), dz, sum3);
                }
                gradients[i * units + j] = TW.HalvingSum(sum0);
                gradients[(i + 1) * units + j] = TW.HalvingSum(sum1);
                gradients[(i + 2) * units + j] = TW.HalvingSum(sum2);
                gradients[(i + 3) * units + j] = TW.HalvingSum(sum3);
            }
            for (; i < fanIn; i++)
            {
                TVec sum = TW.Zero;
                for (int c = 0; c < stride; c += TW.Count)
                    sum = TW.MultiplyAdd(Load<TVec, TW>(ref s, inAt + i * stride + c), Load<TVec, TW>(ref s, dzAt + j * stride + c), sum);
                gradients[i * units + j] = TW.HalvingSum(sum);
            }
        }
        if (bias)
            for (int j = 0; j < units; j++)
            {
                TVec sum = TW.Zero;
                for (int c = 0; c < stride; c += TW.Count) sum = TW.Add(sum, Load<TVec, TW>(ref s, dzAt + j * stride + c));
                gradients[fanIn * units + j] = TW.HalvingSum(sum);
            }
        if (belowAt < 0) return;
        for (int i = 0; i < fanIn; i++)
            for (int c = 0; c < stride; c += TW.Count)
            {
                TVec da = TW.Zero;
                for (int j = 0; j < units; j++)
                    da = TW.MultiplyAdd(Load<TVec, TW>(ref s, dzAt + j * stride + c), TW.Create(Unsafe.Add(ref w, i * units + j)), da);
                if (sigmoidBelow) da = SigmoidOperatorBackward<TVec, TW>(da, Load<TVec, TW>(ref s, inAt + i * stride + c));
                Store<TVec, TW>(da, ref s, belowAt + i * stride + c);
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SigmoidOperatorBackward<TVec, TW>(TVec da, TVec a) where TVec : struct where TW : struct, IVectorWidth<TVec> =>
        TW.Binary<ActivationBackward<SigmoidOperator>>(da, a);

    // d' (width×P) at offset = d (batch×width) transposed, zero in the padding columns
    private static void Transpose(ReadOnlySpan<float> d, Span<float> scratch, int offset, int batch, int stride, int width)
    {
        ref float source = ref MemoryMarshal.GetReference(d);   // Run checked d.Length ≥ batch·width and the scratch length
        ref float target = ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch), offset);
        int start = 0;
        if (width == 1)
        {
            d.Slice(0, batch).CopyTo(scratch.Slice(offset, batch));
            start = batch;
        }
        else if (width == 2 && Avx512F.IsSupported)
        {
            // 16 rows (two vectors of interleaved pairs) → the 16 first and the 16 second features
            Vector512<int> even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), odd = even + Vector512<int>.One;
            for (; start <= batch - 16; start += 16)
            {
                Vector512<float> low = Vector512.LoadUnsafe(ref source, (nuint)(2 * start));
                Vector512<float> high = Vector512.LoadUnsafe(ref source, (nuint)(2 * start + 16));
                Avx512F.PermuteVar16x32x2(low, even, high).StoreUnsafe(ref target, (nuint)start);
                Avx512F.PermuteVar16x32x2(low, odd, high).StoreUnsafe(ref target, (nuint)(stride + start));
            }
        }
        else if (width == 2 && Avx2.IsSupported)
        {
            // 8 rows (two vectors of interleaved pairs) → the 8 first and the 8 second features
            Vector256<int> order = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            for (; start <= batch - 8; start += 8)
            {
                Vector256<float> low = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref source, (nuint)(2 * start)), order);
                Vector256<float> high = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref source, (nuint)(2 * start + 8)), order);
                Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref target, (nuint)start);
                Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref target, (nuint)(stride + start));
            }
        }
        for (int i = 0; i < width; i++)
        {
            ref float row = ref Unsafe.Add(ref target, i * stride);
            for (int k = start; k < batch; k++) Unsafe.Add(ref row, k) = Unsafe.Add(ref source, k * width + i);
            scratch.Slice(offset + i * stride + batch, stride - batch).Clear();
        }
    }

    // d (batch×width) = d' (width×P at offset) transposed back
    private static void TransposeBack(Span<float> scratch, int offset, Span<float> d, int batch, int stride, int width)
    {
        if (width == 1)
        {
            scratch.Slice(offset, batch).CopyTo(d);
            return;
        }
        for (int k = 0; k < batch; k++)
            for (int j = 0; j < width; j++)
                d[k * width + j] = scratch[offset + j * stride + k];
    }

    // 0, 1, …, 15: the lane numbers, for the mask of lanes inside the batch
    private static ReadOnlySpan<float> LaneIndex => [0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Load<TVec, TW>(ref float s, int at) where TVec : struct where TW : struct, IVectorWidth<TVec> => TW.Load(ref s, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVec, TW>(TVec v, ref float s, int at) where TVec : struct where TW : struct, IVectorWidth<TVec> => TW.Store(v, ref s, (nuint)at);

    private ref struct Kernel(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, int inputs,
        LayerSpec[] layers, Loss loss, Span<float> gradients, Span<float> output, Span<float> inputGradient, Span<float> scratch) : IVectorKernel
    {
        private readonly ReadOnlySpan<float> _parameters = parameters, _x = x, _t = t;
        private readonly Span<float> _gradients = gradients, _output = output, _inputGradient = inputGradient, _scratch = scratch;

        public float Loss { get; private set; }

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> =>
            Loss = TinyTraining.Run<TVec, TW>(_parameters, _x, _t, batch, inputs, layers, loss, _gradients, _output, _inputGradient, _scratch);
    }
}
