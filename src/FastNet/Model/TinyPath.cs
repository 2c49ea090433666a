using FastNet.Kernels;
using FastNet.Memory;

namespace FastNet.Model;

/// <summary>
/// The fast path for small all-sigmoid sse/mse networks: <see cref="TinyTraining"/> runs forward, loss and backward in
/// one kernel on the widest accelerated vector width, the input gradient ∂L/∂x included when it is asked for, so
/// <c>GradientCheck</c> checks this path itself.
/// </summary>
internal sealed class TinyPath(ModelPlan plan, Slice scratch) : IGradientPath
{
    private readonly GeneralPath _general = new(plan);   // for sample weights, which the kernel does not take

    public static bool Supports(ModelPlan plan) => TinyTraining.Supports(plan.Inputs, plan.Layout.Specs, plan.Loss);

    public static int ScratchLength(ModelPlan plan) => TinyTraining.ScratchLength(plan.Inputs, plan.Layout.Specs, plan.Batch);

    public float Compute(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, bool inputGradient,
        ReadOnlySpan<float> w, bool dropout, ref SeededRandom random)
    {
        if (!w.IsEmpty) return _general.Compute(parameters, ws, x, t, batch, inputGradient, w, dropout, ref random);
        Span<float> dx = inputGradient ? plan.InputGradient(ws, batch) : default;
        return TinyTraining.Run(parameters, x, t, batch, plan.Inputs, plan.Layout.Specs, plan.Loss, plan.Gradients(ws), plan.Output(ws, batch), dx, ws[scratch]);
    }
}
