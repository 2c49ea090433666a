using FastNet.Memory;

namespace FastNet.Model;

/// <summary>The general gradient path: the plan's forward, loss and backward, layer by layer, for any network.</summary>
internal sealed class GeneralPath(ModelPlan plan) : IGradientPath
{
    public float Compute(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, bool inputGradient)
    {
        plan.Forward(parameters, ws, x, batch);
        float loss = plan.LossGradient(ws, t, batch);
        plan.Backward(parameters, ws, x, batch, inputGradient);
        return loss;
    }
}
