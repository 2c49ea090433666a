using FastNet.Kernels;
using FastNet.Memory;

namespace FastNet.Layers;

/// <summary>
/// One dense layer as a set of workspace slices: z = x·W + b, a = f(z) forward; dW = xᵀ·dz, db = Σ dz, dx = dz·Wᵀ
/// backward. W is (inputs×units) row-major, so z = x·W exactly as in the seed. Holds offsets, never arrays.
/// </summary>
internal sealed class DenseLayer
{
    public DenseLayer(LayerSpec spec, int inputs, Slice weights, Slice bias, Slice weightGradient, Slice biasGradient,
        Slice z, Slice a, Slice delta)
    {
        Spec = spec;
        Inputs = inputs;
        Weights = weights;
        Bias = bias;
        WeightGradient = weightGradient;
        BiasGradient = biasGradient;
        Z = z;
        A = a;
        Delta = delta;
    }

    public LayerSpec Spec { get; }
    public int Inputs { get; }
    public int Units => Spec.Units;
    public Activation Activation => Spec.Activation;

    /// <summary>W (inputs×units).</summary>
    public Slice Weights { get; }
    /// <summary>b (units), empty without bias.</summary>
    public Slice Bias { get; }
    /// <summary>dW (inputs×units).</summary>
    public Slice WeightGradient { get; }
    /// <summary>db (units), empty without bias.</summary>
    public Slice BiasGradient { get; }
    /// <summary>z (maxBatch×units).</summary>
    public Slice Z { get; }
    /// <summary>a (maxBatch×units).</summary>
    public Slice A { get; }
    /// <summary>da, then dz in place (maxBatch×units).</summary>
    public Slice Delta { get; }

    // z (batch×units) = x (batch×inputs) · W (inputs×units) + b;  a = f(z)
    public void Forward(Workspace ws, ReadOnlySpan<float> x, int batch, Span<float> scratch) =>
        Forward(Spec, Inputs, x, ws[Weights], ws[Bias], ws[Z], ws[A], batch, scratch);

    // The same on any memory (a Predictor's own parameters and per-thread buffers).
    public static void Forward(LayerSpec spec, int inputs, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        Span<float> z, Span<float> a, int batch, Span<float> scratch)
    {
        Gemm.NN(x, w, z, batch, inputs, spec.Units, accumulate: false, scratch);
        if (spec.Bias) BiasKernels.AddRows(z, b, batch, spec.Units);
        ActivationKernels.Forward(spec.Activation, z, a, batch, spec.Units);
    }

    // dz (batch×units) = da ⊙ f′(a), in Delta
    public void ActivationBackward(Workspace ws, int batch) => ActivationKernels.Backward(Activation, ws[A], ws[Delta], batch * Units);

    // dW (inputs×units) = xᵀ · dz;  db (units) = Σ rows of dz;  dx (batch×inputs) = dz · Wᵀ unless dx is empty
    public void Backward(Workspace ws, ReadOnlySpan<float> x, int batch, Span<float> dx, Span<float> scratch)
    {
        ReadOnlySpan<float> dz = ws[Delta];
        Gemm.TN(x, dz, ws[WeightGradient], Inputs, batch, Units, accumulate: false, scratch);
        if (Spec.Bias) BiasKernels.ColumnSums(dz, ws[BiasGradient], batch, Units, accumulate: false);
        if (!dx.IsEmpty) Gemm.NT(dz, ws[Weights], dx, batch, Units, Inputs, accumulate: false, scratch);
    }
}
