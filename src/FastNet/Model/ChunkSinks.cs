using FastNet.Memory;

namespace FastNet.Model;

// The sinks of ChunkedRunner: what each of Network's prediction calls and Measure does with a chunk.

/// <summary>Copies each chunk's outputs to y (count×outputs).</summary>
internal ref struct OutputSink(Span<float> y) : IChunkSink
{
    private readonly Span<float> _y = y;

    public readonly void Take(ModelPlan plan, Workspace ws, int start, int batch) =>
        plan.Output(ws, batch).CopyTo(_y.Slice(start * plan.Outputs, batch * plan.Outputs));
}

/// <summary>Writes each row's predicted class to classes (count).</summary>
internal ref struct ClassSink(Span<int> classes) : IChunkSink
{
    private readonly Span<int> _classes = classes;

    public readonly void Take(ModelPlan plan, Workspace ws, int start, int batch)
    {
        for (int i = 0; i < batch; i++) _classes[start + i] = plan.PredictedClass(ws, i);
    }
}

/// <summary>Writes (1 − p, p) per row of a single sigmoid output to probabilities (count×2).</summary>
internal ref struct BinaryProbabilitySink(Span<float> probabilities) : IChunkSink
{
    private readonly Span<float> _probabilities = probabilities;

    public readonly void Take(ModelPlan plan, Workspace ws, int start, int batch)
    {
        ReadOnlySpan<float> a = plan.Output(ws, batch);
        for (int i = 0; i < batch; i++)
        {
            _probabilities[2 * (start + i)] = 1f - a[i];
            _probabilities[2 * (start + i) + 1] = a[i];
        }
    }
}

/// <summary>
/// Adds up the loss of each chunk against t (count×outputs) (summed for sse, weighted by the chunk's rows otherwise)
/// and, for labels, counts correct predictions and fills the confusion matrix.
/// </summary>
internal ref struct MeasureSink(ReadOnlySpan<float> t, ReadOnlySpan<int> labels, ConfusionMatrix? confusion) : IChunkSink
{
    private readonly ReadOnlySpan<float> _t = t;
    private readonly ReadOnlySpan<int> _labels = labels;

    public double Loss;
    public int Correct;

    public void Take(ModelPlan plan, Workspace ws, int start, int batch)
    {
        float batchLoss = plan.LossGradient(ws, _t.Slice(start * plan.Outputs, batch * plan.Outputs), batch);
        Loss += ModelPlan.LossIsSum(plan.Loss) ? batchLoss : (double)batchLoss * batch;
        if (_labels.IsEmpty) return;
        for (int i = 0; i < batch; i++)
        {
            int predicted = plan.PredictedClass(ws, i), actual = _labels[start + i];
            if (predicted == actual) Correct++;
            confusion?.Add(actual, predicted);
        }
    }
}
