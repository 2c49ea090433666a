using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Activations;

namespace FastNet.Kernels;

/// <summary>
/// Forward, sse/mse loss and backward of a small all-sigmoid network in one kernel, vectorised across the batch: 16
/// samples per <see cref="Vector512{T}"/>, every layer's activations kept transposed (units×16) in scratch, so a unit
/// is a chain of broadcast FMAs and one sigmoid for 16 samples. Gradients are summed per lane over the chunks and the
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
    public static bool Supports(int inputs, IReadOnlyList<LayerSpec> layers, Loss loss)
    {
        if (!Vector512.IsHardwareAccelerated || loss is not (Loss.Sse or Loss.Mse)) return false;
        if (inputs > MaxWidth || layers.Count > MaxLayers) return false;
        foreach (LayerSpec spec in layers)
            if (spec.Units > MaxWidth || spec.Activation != Activation.Sigmoid) return false;
        return true;
    }

    /// <summary>Floats of scratch <see cref="Run"/> needs: x and t transposed, one activation block per layer, two delta blocks, per-lane sums.</summary>
    public static int ScratchLength(int inputs, IReadOnlyList<LayerSpec> layers, int parameterCount)
    {
        int rows = inputs + layers[^1].Units + 2 * MaxWidth + parameterCount;
        foreach (LayerSpec spec in layers) rows += spec.Units;
        return rows * Lanes;
    }

    // L (scalar) and gradients (parameters: per layer W (inputs×units) then b) = ∂L/∂θ for x (batch×inputs) against
    // t (batch×outputs); output (batch×outputs) = a_out. Per 16-sample chunk, transposed (features×16):
    // z_l (units×16) = W_lᵀ (units×inputs) · a_{l-1} (inputs×16) + b_l;  a_l = σ(z_l)
    // dz_out = scale·(a − t) ⊙ a(1 − a);  dW_l += a_{l-1} ⊙ dz_l per lane;  db_l += dz_l;  dz_{l-1} = (W_l · dz_l) ⊙ a(1 − a)
    public static float Run(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, int inputs,
        LayerSpec[] layers, Loss loss, Span<float> gradients, Span<float> output, Span<float> scratch)
    {
        int layerCount = layers.Length, outputs = layers[^1].Units;
        if (layerCount > MaxLayers || x.Length < batch * inputs || t.Length < batch * outputs || output.Length < batch * outputs)
            throw new ArgumentException("the spans do not fit the network and batch");
        Span<int> weightAt = stackalloc int[MaxLayers], biasAt = stackalloc int[MaxLayers], inputAt = stackalloc int[MaxLayers];
        int p = 0, fanIn = inputs, rows = inputs + outputs;
        for (int l = 0; l < layerCount; l++)
        {
            weightAt[l] = p;
            biasAt[l] = layers[l].Bias ? p + fanIn * layers[l].Units : -1;
            p += fanIn * layers[l].Units + (layers[l].Bias ? layers[l].Units : 0);
            inputAt[l] = l == 0 ? 0 : rows * Lanes;
            if (l > 0) rows += layers[l - 1].Units;
            fanIn = layers[l].Units;
        }
        int parameterCount = p;
        int targetAt = inputs * Lanes, outputAt = rows * Lanes;
        int deltaAt = (rows + outputs) * Lanes, sumsAt = deltaAt + 2 * MaxWidth * Lanes;
        if (parameters.Length < parameterCount || gradients.Length < parameterCount || scratch.Length < sumsAt + parameterCount * Lanes)
            throw new ArgumentException("the parameter, gradient or scratch span is too short");

        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float s = ref MemoryMarshal.GetReference(scratch);
        scratch.Slice(sumsAt, parameterCount * Lanes).Clear();
        float scale = loss == Loss.Sse ? 1f : 2f / (batch * outputs);
        Vector512<float> lossSums = Vector512<float>.Zero, scales = Vector512.Create(scale);
        Vector512<float> laneIndex = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

        for (int start = 0; start < batch; start += Lanes)
        {
            int n = Math.Min(Lanes, batch - start);
            // x (n×inputs) → x' (inputs×16), t (n×outputs) → t' (outputs×16), zero beyond n
            if (n < Lanes) scratch.Slice(0, (inputs + outputs) * Lanes).Clear();
            Transpose(x.Slice(start * inputs, n * inputs), scratch, 0, n, inputs);
            Transpose(t.Slice(start * outputs, n * outputs), scratch, targetAt, n, outputs);

            // forward
            fanIn = inputs;
            for (int l = 0; l < layerCount; l++)
            {
                int units = layers[l].Units, aAt = l + 1 < layerCount ? inputAt[l + 1] : outputAt;
                for (int j = 0; j < units; j++)
                {
                    Vector512<float> z = biasAt[l] < 0 ? Vector512<float>.Zero : Vector512.Create(Unsafe.Add(ref w, biasAt[l] + j));
                    for (int i = 0; i < fanIn; i++)
                        z = Vector512.FusedMultiplyAdd(Load(ref s, inputAt[l] + i * Lanes), Vector512.Create(Unsafe.Add(ref w, weightAt[l] + i * units + j)), z);
                    Store(SigmoidOperator.Invoke(z), ref s, aAt + j * Lanes);
                }
                fanIn = units;
            }

            // loss and dz_out; only the first n lanes count
            Vector512<float> valid = Vector512.LessThan(laneIndex, Vector512.Create((float)n));
            for (int j = 0; j < outputs; j++)
            {
                Vector512<float> a = Load(ref s, outputAt + j * Lanes);
                Vector512<float> diff = Vector512.ConditionalSelect(valid, a - Load(ref s, targetAt + j * Lanes), Vector512<float>.Zero);
                lossSums = Vector512.FusedMultiplyAdd(diff, diff, lossSums);
                Store(ActivationKernels.SigmoidBackward.Invoke(scales * diff, a), ref s, deltaAt + j * Lanes);
                for (int k = 0; k < n; k++) output[(start + k) * outputs + j] = a[k];
            }

            // backward
            int dzAt = deltaAt, belowAt = deltaAt + MaxWidth * Lanes;
            for (int l = layerCount - 1; l >= 0; l--)
            {
                int units = layers[l].Units, below = l == 0 ? inputs : layers[l - 1].Units;
                for (int i = 0; i < below; i++)
                {
                    Vector512<float> xi = Load(ref s, inputAt[l] + i * Lanes), da = Vector512<float>.Zero;
                    for (int j = 0; j < units; j++)
                    {
                        Vector512<float> dz = Load(ref s, dzAt + j * Lanes);
                        int sum = sumsAt + (weightAt[l] + i * units + j) * Lanes;
                        Store(Vector512.FusedMultiplyAdd(xi, dz, Load(ref s, sum)), ref s, sum);
                        da = Vector512.FusedMultiplyAdd(dz, Vector512.Create(Unsafe.Add(ref w, weightAt[l] + i * units + j)), da);
                    }
                    if (l > 0) Store(ActivationKernels.SigmoidBackward.Invoke(da, xi), ref s, belowAt + i * Lanes);
                }
                if (biasAt[l] >= 0)
                    for (int j = 0; j < units; j++)
                    {
                        int sum = sumsAt + (biasAt[l] + j) * Lanes;
                        Store(Load(ref s, sum) + Load(ref s, dzAt + j * Lanes), ref s, sum);
                    }
                (dzAt, belowAt) = (belowAt, dzAt);
            }
        }

        for (int q = 0; q < parameterCount; q++) gradients[q] = Sum(Load(ref s, sumsAt + q * Lanes));
        float total = Sum(lossSums);
        return loss == Loss.Sse ? 0.5f * total : total * (1f / (batch * outputs));
    }

    // d' (width×16) at offset = d (n×width) transposed
    private static void Transpose(ReadOnlySpan<float> d, Span<float> scratch, int offset, int n, int width)
    {
        for (int k = 0; k < n; k++)
            for (int i = 0; i < width; i++)
                scratch[offset + i * Lanes + k] = d[k * width + i];
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
