using FastNet.Data;

namespace FastNet.Training;

/// <summary>
/// The learning-rate range test (Smith 2017, "Cyclical Learning Rates for Training Neural Networks", §3.3): trains a
/// copy of a network for a few hundred steps while the rate grows exponentially from a tiny to a large value, records
/// the loss at each rate, and suggests the rate where the loss falls fastest. The network itself is not changed.
/// </summary>
public static class LearningRateFinder
{
    /// <summary>Runs the range test of <paramref name="network"/> on <paramref name="data"/>.</summary>
    /// <exception cref="FastNetException">The data does not fit the network, or the options are invalid.</exception>
    public static LearningRateRange Run(Network network, Dataset data, LearningRateFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new LearningRateFinderOptions();
        options.Validate();
        network.CheckDataset(data);
        Network copy = network.Clone();
        if (options.Standardize && copy.Standardization is null) copy.Standardization = Standardization.Fit(data);
        if (copy.Standardization is { } z) data = z.Apply(data);
        int count = data.Count, inputs = copy.Inputs, outputs = copy.Outputs;
        int batch = options.BatchSize == 0 ? count : Math.Min(options.BatchSize, count);
        float[] targets = data.TargetMatrix(outputs, copy.Loss);
        var trainingStep = new TrainingStep(copy, batch, options.Optimizer, inputRows: true, inputGradient: false);
        trainingStep.ResetOptimizer(options.MinRate);

        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        var random = new SeededRandom(options.Seed);
        var rates = new float[options.Steps];
        var losses = new double[options.Steps];
        var smoothed = new double[options.Steps];
        double growth = Math.Log((double)options.MaxRate / options.MinRate) / (options.Steps - 1), average = 0, lowest = double.PositiveInfinity;
        int taken = 0, minimum = 0, next = count;   // next: the first row of the next batch in this pass over the data
        bool diverged = false;
        Span<float> x = trainingStep.BatchInputs, t = trainingStep.BatchTargets;
        for (int step = 0; step < options.Steps; step++)
        {
            if (next + batch > count)   // whole batches only (an sse batch's loss grows with its size): a new pass
            {
                if (batch < count) random.Shuffle(order);
                next = 0;
            }
            for (int i = 0; i < batch; i++)
            {
                int row = order[next + i];
                data.Features.Slice(row * inputs, inputs).CopyTo(x.Slice(i * inputs, inputs));
                targets.AsSpan(row * outputs, outputs).CopyTo(t.Slice(i * outputs, outputs));
            }
            next += batch;
            float rate = (float)(options.MinRate * Math.Exp(growth * step));
            double loss = trainingStep.RunWith(x.Slice(0, batch * inputs), t.Slice(0, batch * outputs), rate, default, ref random);
            average = options.Smoothing * average + (1 - options.Smoothing) * loss;
            double value = average / (1 - Math.Pow(options.Smoothing, step + 1));
            rates[step] = rate;
            losses[step] = loss;
            smoothed[step] = value;
            taken = step + 1;
            if (!double.IsFinite(value) || value > options.DivergenceFactor * lowest)
            {
                diverged = true;
                break;
            }
            if (value < lowest)
            {
                lowest = value;
                minimum = step;
            }
        }
        return new LearningRateRange(rates[..taken], losses[..taken], smoothed[..taken], Steepest(smoothed, minimum), minimum, diverged);
    }

    // the step before the minimum where the smoothed loss falls fastest per unit of ln(rate): ln(rate) grows by the same
    // amount every step, so the most negative forward difference s[i+1] − s[i]; the first step when the minimum is there
    private static int Steepest(double[] smoothed, int minimum)
    {
        int best = 0;
        double steepest = double.PositiveInfinity;
        for (int i = 0; i < minimum; i++)
        {
            double fall = smoothed[i + 1] - smoothed[i];
            if (fall < steepest)
            {
                steepest = fall;
                best = i;
            }
        }
        return best;
    }
}
