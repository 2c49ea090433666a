using FastNet.Data;
using FastNet.Model;
using FastNet.Training;

namespace FastNet.Diagnostics;

/// <summary>
/// Compares analytic gradients with central differences of the loss. <see cref="Run(Network, Dataset, GradientCheckOptions?)"/>
/// checks a network's own backward pass (the float32 kernels, exactly as training runs them) against the loss
/// re-evaluated in double precision from the same weights, for every layer's weights and bias and for the input;
/// <see cref="Compare"/> checks any gradient the caller computed for a loss function of their own. The network's
/// weights are only read, never perturbed: the numeric side works on a double copy.
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// Checks <paramref name="network"/>'s gradients of its loss on all of <paramref name="data"/>. The network's
    /// <see cref="Network.Standardization"/>, if any, is applied to the features first, as training and evaluation do;
    /// the input gradient is then with respect to the standardised features the first layer sees.
    /// </summary>
    /// <exception cref="FastNetException">The data does not fit the network, or the options are invalid.</exception>
    public static GradientCheckReport Run(Network network, Dataset data, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        network.CheckDataset(data);
        float[] targets = data.TargetMatrix(network.Outputs, network.Loss);
        if (network.Standardization is not { } standardization) return Run(network, data.Features, targets, options);
        var features = new float[data.Features.Length];
        standardization.Apply(data.Features, features);
        return Run(network, features, targets, options);
    }

    /// <summary>
    /// Checks <paramref name="network"/>'s gradients of its loss on inputs <paramref name="x"/> (samples×inputs, row-major)
    /// and targets <paramref name="t"/> (samples×outputs; one-hot rows for ce). x is what the first layer sees: the
    /// network's standardisation is not applied here (the <see cref="Dataset"/> overload applies it). Batches larger than
    /// <see cref="Network.MaxBatch"/> are run in chunks whose gradients are combined as the loss defines.
    /// </summary>
    /// <exception cref="FastNetException">The sizes do not fit the network, a value is not finite, or the options are invalid.</exception>
    public static GradientCheckReport Run(Network network, ReadOnlySpan<float> x, ReadOnlySpan<float> t, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new GradientCheckOptions();
        options.Validate();
        int inputs = network.Inputs, outputs = network.Outputs;
        if (x.IsEmpty || x.Length % inputs != 0)
            throw new FastNetException($"the input has {x.Length} values, which is not a whole, non-zero number of rows of {inputs} features");
        int rows = x.Length / inputs;
        if (t.Length != (long)rows * outputs)
            throw new FastNetException($"the targets hold {t.Length} values but {rows} rows of {outputs} outputs need {rows * outputs}");
        CheckFinite(x, "input");
        CheckFinite(t, "target");

        (double[] analytic, double[] analyticInput, double networkLoss) = Analytic(network, x, t, rows);
        var evaluator = new DoubleEvaluator(network, x, t, rows);
        TensorShape[] tensors = Shapes(network, rows);

        // numeric: which coordinates, then a central difference in double for each
        var lengths = new int[tensors.Length];
        for (int s = 0; s < tensors.Length; s++) lengths[s] = tensors[s].Rows * tensors[s].Columns;
        var sampler = new CoordinateSampler(options, lengths);
        var numeric = new double[sampler.Capacity];
        var skipped = new bool[sampler.Capacity];
        var ranges = new (int Start, int Count)[tensors.Length];
        for (int s = 0; s < tensors.Length; s++)
        {
            TensorShape tensor = tensors[s];
            ranges[s] = sampler.Select(lengths[s]);
            for (int c = ranges[s].Start; c < ranges[s].Start + ranges[s].Count; c++)
            {
                int row = sampler.Indices[c] / tensor.Columns, column = sampler.Indices[c] % tensor.Columns;
                numeric[c] = tensor.Kind switch
                {
                    GradientTensorKind.Weights => evaluator.WeightDerivative(tensor.Layer, row, column, options.Step, out skipped[c]),
                    GradientTensorKind.Bias => evaluator.BiasDerivative(tensor.Layer, column, options.Step, out skipped[c]),
                    _ => evaluator.InputDerivative(row, column, options.Step, out skipped[c]),
                };
            }
        }

        double checkScale = TensorGradientCheck.LargestMagnitude(numeric, skipped);
        var results = new TensorGradientCheck[tensors.Length];
        for (int s = 0; s < tensors.Length; s++)
        {
            TensorShape tensor = tensors[s];
            (int start, int count) = ranges[s];
            ReadOnlySpan<double> tensorAnalytic = tensor.Kind == GradientTensorKind.Input
                ? analyticInput
                : analytic.AsSpan(tensor.Offset, lengths[s]);
            results[s] = TensorGradientCheck.Summarize(tensor.Name, tensor.Kind, tensor.Layer, tensor.Rows, tensor.Columns,
                sampler.Indices.AsSpan(start, count), tensorAnalytic, numeric.AsSpan(start, count), skipped.AsSpan(start, count), checkScale, options);
        }
        return new GradientCheckReport(results, rows, evaluator.PointLoss, networkLoss, checkScale, options);
    }

    // The network's own backward pass — the gradient path its training runs (a fast path where the shape has one) —
    // chunk by chunk: ∂L/∂θ in its parameter layout, ∂L/∂x, and L. A mean loss weighs each chunk by its share of the
    // rows; sse adds them.
    private static (double[] Parameters, double[] Input, double Loss) Analytic(Network network, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int rows)
    {
        int inputs = network.Inputs, outputs = network.Outputs;
        var analytic = new double[network.ParameterCount];
        var analyticInput = new double[rows * inputs];
        double loss = 0;
        var step = new TrainingStep(network, Math.Min(network.MaxBatch, rows), new OptimizerOptions(), inputRows: false, inputGradient: true);
        for (int start = 0; start < rows; start += step.MaxBatch)
        {
            int batch = Math.Min(step.MaxBatch, rows - start);
            double weight = ModelPlan.LossIsSum(network.Loss) ? 1 : (double)batch / rows;
            loss += weight * step.ComputeGradients(x.Slice(start * inputs, batch * inputs), t.Slice(start * outputs, batch * outputs), inputGradient: true);
            ReadOnlySpan<float> gradients = step.Gradients;
            for (int i = 0; i < analytic.Length; i++) analytic[i] += weight * gradients[i];
            ReadOnlySpan<float> dx = step.InputGradient;
            for (int i = 0; i < dx.Length; i++) analyticInput[start * inputs + i] = weight * dx[i];
        }
        return (analytic, analyticInput, loss);
    }

    // layer 0's W and b, layer 1's, ..., then x; offsets into the parameter layout (W then b per layer)
    private static TensorShape[] Shapes(Network network, int rows)
    {
        ParameterLayout layout = network.Layout;
        var tensors = new List<TensorShape>(2 * layout.Specs.Length + 1);
        for (int l = 0; l < layout.Specs.Length; l++)
        {
            int units = layout.Specs[l].Units;
            tensors.Add(new TensorShape($"layer {l} weights", GradientTensorKind.Weights, l, layout.FanIn[l], units, layout.Weights[l].Offset));
            if (layout.Specs[l].Bias) tensors.Add(new TensorShape($"layer {l} bias", GradientTensorKind.Bias, l, 1, units, layout.Bias[l].Offset));
        }
        tensors.Add(new TensorShape("input", GradientTensorKind.Input, -1, rows, network.Inputs, 0));
        return [.. tensors];
    }

    /// <summary>
    /// Checks a gradient the caller computed: <paramref name="analytic"/> against central differences of
    /// <paramref name="loss"/> around <paramref name="point"/>. The loss receives a copy of the point with one coordinate
    /// moved by ±<see cref="GradientCheckOptions.Step"/>; the report has one tensor, <see cref="GradientTensorKind.Point"/>.
    /// </summary>
    /// <param name="loss">The function whose gradient is checked; it must not keep the span it is given.</param>
    /// <param name="point">Where to differentiate.</param>
    /// <param name="analytic">The gradient at <paramref name="point"/> to check, one value per coordinate.</param>
    /// <param name="options">Step, tolerances and sampling; defaults when null.</param>
    /// <exception cref="FastNetException">The spans are empty or of different lengths, or the options are invalid.</exception>
    public static GradientCheckReport Compare(Func<ReadOnlySpan<double>, double> loss, ReadOnlySpan<double> point, ReadOnlySpan<double> analytic,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new GradientCheckOptions();
        options.Validate();
        if (point.IsEmpty) throw new FastNetException("the point to differentiate at has no coordinates");
        if (analytic.Length != point.Length)
            throw new FastNetException($"the analytic gradient has {analytic.Length} values but the point has {point.Length} coordinates");

        double[] moved = point.ToArray();
        var sampler = new CoordinateSampler(options, [point.Length]);
        (int start, int count) = sampler.Select(point.Length);
        var numeric = new double[count];
        var skipped = new bool[count];
        for (int c = 0; c < count; c++)
        {
            int i = sampler.Indices[start + c];
            double theta = moved[i], up = theta + options.Step, down = theta - options.Step;
            moved[i] = up;
            double plus = loss(moved);
            moved[i] = down;
            double minus = loss(moved);
            moved[i] = theta;
            numeric[c] = (plus - minus) / (up - down);
        }
        var result = TensorGradientCheck.Summarize("point", GradientTensorKind.Point, -1, 1, point.Length,
            sampler.Indices.AsSpan(start, count), analytic, numeric, skipped, TensorGradientCheck.LargestMagnitude(numeric, skipped), options);
        double value = loss(point);
        return new GradientCheckReport([result], 1, value, value, result.Scale, options);
    }

    private static void CheckFinite(ReadOnlySpan<float> values, string what)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) throw new FastNetException($"{what} value {i} is {values[i]}, not a finite number");
    }

    private readonly record struct TensorShape(string Name, GradientTensorKind Kind, int Layer, int Rows, int Columns, int Offset);
}
