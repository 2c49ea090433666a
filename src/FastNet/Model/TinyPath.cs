using FastNet.Kernels;
using FastNet.Memory;

namespace FastNet.Model;

/// <summary>
/// The fast path for small all-sigmoid sse/mse networks: <see cref="TinyTraining"/> runs forward, loss and backward in
/// one kernel. It does not compute ∂L/∂x yet, so a request for the input gradient runs the general path (same
/// gradients to rounding); once <see cref="TinyTraining.Run"/> takes an input-gradient span, pass it in
/// <see cref="Compute"/> and drop the fallback.
/// </summary>
internal sealed class TinyPath(ModelPlan plan, Slice scratch) : IGradientPath
{
    private readonly GeneralPath _general = new(plan);

    public static bool Supports(ModelPlan plan) => TinyTraining.Supports(plan.Inputs, plan.Layout.Specs, plan.Loss);

    public static int ScratchLength(ModelPlan plan) => TinyTraining.ScratchLength(plan.Inputs, plan.Layout.Specs, plan.Batch);

    public float Compute(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, bool inputGradient)
    {
        if (inputGradient) return _general.Compute(parameters, ws, x, t, batch, inputGradient);   // until TinyTraining computes ∂L/∂x
        return TinyTraining.Run(parameters, x, t, batch, plan.Inputs, plan.Layout.Specs, plan.Loss, plan.Gradients(ws), plan.Output(ws, batch), ws[scratch]);
    }
}
