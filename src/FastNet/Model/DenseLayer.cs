using FastNet.Kernels;
using FastNet.Memory;

namespace FastNet.Model;

/// <summary>
/// One dense layer of a <see cref="ModelPlan"/>: z = x·W + b, a = f(z) forward; dW = xᵀ·dz, db = Σ dz, dx = dz·Wᵀ
/// backward. W is (inputs×units) row-major, so z = x·W exactly as in the seed. W and b are slices of the parameter
/// vector (dW and db the same slices of the gradient vector); z, a and the delta are slices of the plan's workspace.
/// Holds offsets, never arrays.
/// </summary>
internal sealed class DenseLayer
{
    public DenseLayer(LayerSpec spec, int inputs, Slice weights, Slice bias, Slice z, Slice a, Slice delta, bool isOutput)
    {
        Spec = spec;
        IsOutput = isOutput;
        Inputs = inputs;
        Weights = weights;
        Bias = bias;
        Z = z;
        A = a;
        Delta = delta;
    }

    public LayerSpec Spec { get; }
    /// <summary>The last layer: its z is kept for the loss (bce and ce read it), and its dz comes from the loss.</summary>
    public bool IsOutput { get; }
    public int Inputs { get; }
    public int Units => Spec.Units;
    public Activation Activation => Spec.Activation;

    /// <summary>W (inputs×units) in the parameter vector; dW in the gradient vector.</summary>
    public Slice Weights { get; }
    /// <summary>b (units) in the parameter vector, empty without bias; db in the gradient vector.</summary>
    public Slice Bias { get; }
    /// <summary>z (batch×units); planned for the output layer only.</summary>
    public Slice Z { get; }
    /// <summary>a (batch×units).</summary>
    public Slice A { get; }
    /// <summary>da, then dz in place (batch×units); empty for hidden layers of an inference plan.</summary>
    public Slice Delta { get; }

    // z (batch×units) = x (batch×inputs) · W (inputs×units) + b;  a = f(z)
    // Hidden layers never need z again, so bias and activation run in the GEMM's output pass straight into a; the
    // output layer keeps z for the loss and takes its activation (softmax included) afterwards.
    public void Forward(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, int batch, Span<float> scratch, int threads) =>
        Forward(Spec, Inputs, x, parameters.Slice(Weights.Offset, Weights.Length), parameters.Slice(Bias.Offset, Bias.Length),
            ws[Z], ws[A], batch, scratch, threads, keepZ: IsOutput);

    // The same on any memory. With keepZ (or softmax) z is written and a = f(z) taken from it; without, z is not touched.
    public static void Forward(LayerSpec spec, int inputs, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        Span<float> z, Span<float> a, int batch, Span<float> scratch, int threads = 1, bool keepZ = true)
    {
        ReadOnlySpan<float> bias = spec.Bias ? b : default;
        if (keepZ || spec.Activation == Activation.Softmax)
        {
            Gemm.NNBiasActivation(x, w, bias, Activation.Identity, z, batch, inputs, spec.Units, scratch, threads);
            ActivationKernels.Forward(spec.Activation, z, a, batch, spec.Units);
        }
        else
        {
            Gemm.NNBiasActivation(x, w, bias, spec.Activation, a, batch, inputs, spec.Units, scratch, threads);
        }
    }

    // dz (batch×units) = da ⊙ f′(a), in Delta; with a bias, db (units) = Σ rows of dz in the same pass
    public void ActivationBackward(Workspace ws, Span<float> gradients, int batch)
    {
        if (Spec.Bias) ActivationKernels.BackwardWithColumnSums(Activation, ws[A], ws[Delta], gradients.Slice(Bias.Offset, Bias.Length), batch, Units);
        else ActivationKernels.Backward(Activation, ws[A], ws[Delta], batch * Units);
    }

    // dW (inputs×units) = xᵀ · dz;  db (units) = Σ rows of dz unless ActivationBackward already made it;
    // dx (batch×inputs) = dz · Wᵀ unless dx is empty
    public void Backward(ReadOnlySpan<float> parameters, Workspace ws, Span<float> gradients, ReadOnlySpan<float> x, int batch,
        Span<float> dx, Span<float> scratch, int threads, bool biasGradientReady)
    {
        ReadOnlySpan<float> dz = ws[Delta];
        Gemm.TN(x, dz, gradients.Slice(Weights.Offset, Weights.Length), Inputs, batch, Units, accumulate: false, scratch, threads);
        if (Spec.Bias && !biasGradientReady) BiasKernels.ColumnSums(dz, gradients.Slice(Bias.Offset, Bias.Length), batch, Units, accumulate: false);
        if (!dx.IsEmpty) Gemm.NT(dz, parameters.Slice(Weights.Offset, Weights.Length), dx, batch, Units, Inputs, accumulate: false, scratch, threads);
    }
}
