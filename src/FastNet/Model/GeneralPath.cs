using FastNet.Memory;

namespace FastNet.Model;

/// <summary>The general gradient path: the plan's forward, loss and backward, layer by layer, for any network.</summary>
internal sealed class GeneralPath(ModelPlan plan) : IGradientPath
{
    public float Compute(ReadOnlySpan<float> parameters, Workspace ws, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, bool inputGradient,
        ReadOnlySpan<float> w, bool dropout, ref SeededRandom random)
    {
        plan.Forward(parameters, ws, x, batch, dropout, ref random);
        float loss = plan.LossGradient(ws, t, batch, w);
        plan.Backward(parameters, ws, x, batch, inputGradient, dropout);
        return loss;
    }
}
