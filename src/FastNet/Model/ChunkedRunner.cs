using FastNet.Data;
using FastNet.Memory;

namespace FastNet.Model;

/// <summary>What a caller of <see cref="ChunkedRunner.Run"/> does with each chunk's forward pass.</summary>
internal interface IChunkSink
{
    /// <summary>Takes rows start..start+batch−1, whose outputs are in <paramref name="plan"/>'s output on <paramref name="ws"/>.</summary>
    void Take(ModelPlan plan, Workspace ws, int start, int batch);
}

/// <summary>
/// The one loop that splits count×inputs rows into chunks of the plan's batch, standardises each chunk (when a
/// standardisation is given, into <c>standardized</c>, at least plan.Batch×inputs), runs the forward pass and hands
/// the chunk to a sink: Predict, PredictClasses, PredictProbabilities and Measure are sinks over it. Allocates nothing.
/// </summary>
internal static class ChunkedRunner
{
    public static void Run<TSink>(ModelPlan plan, ReadOnlySpan<float> parameters, Workspace ws, Standardization? standardization,
        Span<float> standardized, ReadOnlySpan<float> x, int count, ref TSink sink)
        where TSink : IChunkSink, allows ref struct
    {
        int inputs = plan.Inputs;
        for (int start = 0; start < count; start += plan.Batch)
        {
            int batch = Math.Min(plan.Batch, count - start);
            ReadOnlySpan<float> chunk = x.Slice(start * inputs, batch * inputs);
            if (standardization is not null)
            {
                Span<float> z = standardized.Slice(0, chunk.Length);
                standardization.Apply(chunk, z);
                chunk = z;
            }
            plan.Forward(parameters, ws, chunk, batch);
            sink.Take(plan, ws, start, batch);
        }
    }
}
