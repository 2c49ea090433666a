using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastNet.Kernels.Activations;

namespace FastNet.Kernels;

/// <summary>
/// Forward, sse/mse loss and backward of a small all-sigmoid network in one kernel, vectorised across the batch: 16
/// samples per <see cref="Vector512{T}"/>, every layer's activations kept transposed (units×batch) in scratch, so a unit
/// is a chain of broadcast FMAs and one sigmoid for 16 samples. Gradients are summed per lane over the batch and the
/// 16 lanes are added in a fixed order at the end, so the result depends only on the inputs (never on timing). Used
/// only where Vector512 is hardware accelerated; elsewhere the general per-layer path runs.
/// </summary>
internal static class TinyTraining
{
    /// <summary>The widest input or layer the kernel takes.</summary>
    public const int MaxWidth = 16;

    /// <summary>The most layers the kernel takes.</summary>
    public const int MaxLayers = 8;

    private const int Lanes = 16;

    /// <summary>Whether the kernel runs this network (and the hardware has Vector512).</summary>
    public static bool Supports(int inputs, ReadOnlySpan<LayerSpec> layers, Loss loss)
    {
        if (!Vector512.IsHardwareAccelerated || loss is not (Loss.Sse or Loss.Mse)) return false;
        if (inputs > MaxWidth || layers.Length > MaxLayers) return false;
        foreach (LayerSpec spec in layers)
            if (spec.Units > MaxWidth || spec.Activation != Activation.Sigmoid) return false;
        return true;
    }

    /// <summary>Floats of scratch <see cref="Run"/> needs for up to <paramref name="maxBatch"/> samples: x and t transposed, every layer's activations, two delta blocks.</summary>
    public static int ScratchLength(int inputs, ReadOnlySpan<LayerSpec> layers, int maxBatch)
    {
        int rows = inputs + layers[^1].Units + 2 * MaxWidth;
        foreach (LayerSpec spec in layers) rows += spec.Units;
        return rows * Padded(maxBatch);
    }

    // L (scalar) and gradients (parameters: per layer W (inputs×units) then b) = ∂L/∂θ for x (batch×inputs) against
    // t (batch×outputs); output (batch×outputs) = a_out. Everything transposed (features×P, P = batch rounded up to 16):
    // z_l (units×P) = W_lᵀ (units×inputs) · a_{l-1} (inputs×P) + b_l;  a_l = σ(z_l)
    // dz_out = scale·(a − t) ⊙ a(1 − a);  dW_l (inputs×units) = a_{l-1} · dz_lᵀ;  db_l = Σ_P dz_l;  dz_{l-1} = (W_l · dz_l) ⊙ a(1 − a)
    public static float Run(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, int inputs,
        LayerSpec[] layers, Loss loss, Span<float> gradients, Span<float> output, Span<float> scratch)
    {
        int layerCount = layers.Length, outputs = layers[^1].Units, stride = Padded(batch);
        int parameterCount = 0, fanIn = inputs;
        foreach (LayerSpec spec in layers)
        {
            parameterCount += fanIn * spec.Units + (spec.Bias ? spec.Units : 0);
            fanIn = spec.Units;
        }
        if (layerCount > MaxLayers || x.Length < batch * inputs || t.Length < batch * outputs || output.Length < batch * outputs ||
            parameters.Length < parameterCount || gradients.Length < parameterCount || scratch.Length < ScratchLength(inputs, layers, batch))
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
            ForwardLayer(parameters.Slice(p), layers[l].Bias, scratch, inputAt[l], next, fanIn, units, stride);
            p += fanIn * units + (layers[l].Bias ? units : 0);
            next += units * stride;
            fanIn = units;
        }

        int deltaAt = next, belowAt = next + MaxWidth * stride;
        float total = OutputDelta(scratch, inputAt[layerCount], targetAt, deltaAt, output, batch, outputs, stride,
            loss == Loss.Sse ? 1f : 2f / (batch * outputs));

        for (int l = layerCount - 1; l >= 0; l--)
        {
            int below = l == 0 ? inputs : layers[l - 1].Units;
            BackwardLayer(parameters.Slice(weightAt[l]), gradients.Slice(weightAt[l]), layers[l].Bias, scratch, inputAt[l], deltaAt,
                l > 0 ? belowAt : -1, below, layers[l].Units, stride);
            (deltaAt, belowAt) = (belowAt, deltaAt);
        }
        return loss == Loss.Sse ? 0.5f * total : total * (1f / (batch * outputs));
    }

    private static int Padded(int batch) => (batch + Lanes - 1) / Lanes * Lanes;

    // a (units×P) at aAt = σ(W (fanIn×units)ᵀ · in (fanIn×P) at inAt + b (units, after W in wb))
    private static void ForwardLayer(ReadOnlySpan<float> wb, bool bias, Span<float> scratch, int inAt, int aAt, int fanIn, int units, int stride)
    {
        ref float w = ref MemoryMarshal.GetReference(wb);
        ref float s = ref MemoryMarshal.GetReference(scratch);
        for (int j = 0; j < units; j++)
        {
            Vector512<float> b = bias ? Vector512.Create(Unsafe.Add(ref w, fanIn * units + j)) : Vector512<float>.Zero;
            for (int c = 0; c < stride; c += Lanes)
            {
                Vector512<float> z = b;
                for (int i = 0; i < fanIn; i++)
                    z = Vector512.FusedMultiplyAdd(Load(ref s, inAt + i * stride + c), Vector512.Create(Unsafe.Add(ref w, i * units + j)), z);
                Store(SigmoidOperator.Invoke(z), ref s, aAt + j * stride + c);
            }
        }
    }

    // returns Σ (a − t)² over the batch; dz (outputs×P) at dzAt = scale·(a − t) ⊙ a(1 − a), 0 beyond the batch;
    // output (batch×outputs) = a (outputs×P at aAt) transposed back
    private static float OutputDelta(Span<float> scratch, int aAt, int tAt, int dzAt, Span<float> output, int batch, int outputs, int stride, float scale)
    {
        ref float s = ref MemoryMarshal.GetReference(scratch);
        Vector512<float> sums = Vector512<float>.Zero, scales = Vector512.Create(scale);
        Vector512<float> lane = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (int j = 0; j < outputs; j++)
            for (int c = 0; c < stride; c += Lanes)
            {
                Vector512<float> a = Load(ref s, aAt + j * stride + c);
                Vector512<float> valid = Vector512.LessThan(lane, Vector512.Create((float)(batch - c)));
                Vector512<float> diff = Vector512.ConditionalSelect(valid, a - Load(ref s, tAt + j * stride + c), Vector512<float>.Zero);
                sums = Vector512.FusedMultiplyAdd(diff, diff, sums);
                Store(ActivationKernels.SigmoidBackward.Invoke(scales * diff, a), ref s, dzAt + j * stride + c);
            }
        if (outputs == 1) scratch.Slice(aAt, batch).CopyTo(output);
        else
            for (int k = 0; k < batch; k++)
                for (int j = 0; j < outputs; j++)
                    output[k * outputs + j] = scratch[aAt + j * stride + k];
        return Sum(sums);
    }

    // dW (fanIn×units) = in (fanIn×P at inAt) · dz (units×P at dzAt)ᵀ and db (units, after dW) = Σ_P dz, each summed per lane
    // over P then over the 16 lanes; with belowAt ≥ 0, dz_below (fanIn×P) = (W · dz) ⊙ in(1 − in)
    private static void BackwardLayer(ReadOnlySpan<float> wb, Span<float> gradients, bool bias, Span<float> scratch, int inAt, int dzAt,
        int belowAt, int fanIn, int units, int stride)
    {
        ref float w = ref MemoryMarshal.GetReference(wb);
        ref float s = ref MemoryMarshal.GetReference(scratch);
        for (int i = 0; i < fanIn; i++)
        {
            int j = 0;
            for (; j <= units - 4; j += 4)   // four units at a time: four independent FMA chains
            {
                Vector512<float> sum0 = Vector512<float>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
                for (int c = 0; c < stride; c += Lanes)
                {
                    Vector512<float> xi = Load(ref s, inAt + i * stride + c);
                    int dz = dzAt + j * stride + c;
                    sum0 = Vector512.FusedMultiplyAdd(xi, Load(ref s, dz), sum0);
                    sum1 = Vector512.FusedMultiplyAdd(xi, Load(ref s, dz + stride), sum1);
                    sum2 = Vector512.FusedMultiplyAdd(xi, Load(ref s, dz + 2 * stride), sum2);
                    sum3 = Vector512.FusedMultiplyAdd(xi, Load(ref s, dz + 3 * stride), sum3);
                }
                gradients[i * units + j] = Sum(sum0);
                gradients[i * units + j + 1] = Sum(sum1);
                gradients[i * units + j + 2] = Sum(sum2);
                gradients[i * units + j + 3] = Sum(sum3);
            }
            for (; j < units; j++)
            {
                Vector512<float> sum = Vector512<float>.Zero;
                for (int c = 0; c < stride; c += Lanes)
                    sum = Vector512.FusedMultiplyAdd(Load(ref s, inAt + i * stride + c), Load(ref s, dzAt + j * stride + c), sum);
                gradients[i * units + j] = Sum(sum);
            }
        }
        if (bias)
            for (int j = 0; j < units; j++)
            {
                Vector512<float> sum = Vector512<float>.Zero;
                for (int c = 0; c < stride; c += Lanes) sum += Load(ref s, dzAt + j * stride + c);
                gradients[fanIn * units + j] = Sum(sum);
            }
        if (belowAt < 0) return;
        for (int i = 0; i < fanIn; i++)
            for (int c = 0; c < stride; c += Lanes)
            {
                Vector512<float> da = Vector512<float>.Zero;
                for (int j = 0; j < units; j++)
                    da = Vector512.FusedMultiplyAdd(Load(ref s, dzAt + j * stride + c), Vector512.Create(Unsafe.Add(ref w, i * units + j)), da);
                Store(ActivationKernels.SigmoidBackward.Invoke(da, Load(ref s, inAt + i * stride + c)), ref s, belowAt + i * stride + c);
            }
    }

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
            for (; start <= batch - Lanes; start += Lanes)
            {
                Vector512<float> low = Vector512.LoadUnsafe(ref source, (nuint)(2 * start));
                Vector512<float> high = Vector512.LoadUnsafe(ref source, (nuint)(2 * start + Lanes));
                Avx512F.PermuteVar16x32x2(low, even, high).StoreUnsafe(ref target, (nuint)start);
                Avx512F.PermuteVar16x32x2(low, odd, high).StoreUnsafe(ref target, (nuint)(stride + start));
            }
        }
        for (int i = 0; i < width; i++)
        {
            ref float row = ref Unsafe.Add(ref target, i * stride);
            for (int k = start; k < batch; k++) Unsafe.Add(ref row, k) = Unsafe.Add(ref source, k * width + i);
            scratch.Slice(offset + i * stride + batch, stride - batch).Clear();
        }
    }

    // the 16 lanes added in a fixed order: halves, then quarters, then pairs
    private static float Sum(Vector512<float> v)
    {
        Vector256<float> h = v.GetLower() + v.GetUpper();
        Vector128<float> q = h.GetLower() + h.GetUpper();
        return (q.GetElement(0) + q.GetElement(2)) + (q.GetElement(1) + q.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(ref float s, int at) => Vector512.LoadUnsafe(ref s, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> v, ref float s, int at) => v.StoreUnsafe(ref s, (nuint)at);
}
