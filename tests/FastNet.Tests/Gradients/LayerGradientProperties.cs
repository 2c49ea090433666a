using FastNet.Training;
using FastNet.Diagnostics;
using FastNet.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Gradients;

/// <summary>
/// One dense layer alone under a random upstream gradient g: its backward pass (dW, db, dx) equals central differences
/// of f(W, b, x) = Σ g ⊙ act(x·W + b) computed in double by the test. The layer is a one-layer network whose sse targets
/// are t = a − g, so the gradient reaching its activation is a − t = g (up to one float32 rounding). Softmax has no
/// element-wise derivative and is only valid with ce; it is covered by the network property. 64 seeded coordinates of
/// θ = [W, b, x] are checked per case (the whole of θ for small layers).
/// </summary>
public class LayerGradientProperties
{
    private const double KinkMargin = 1e-3;

    public sealed record LayerCase(int Inputs, int Units, Activation Activation, bool Bias, int Batch, ulong Seed)
    {
        public override string ToString() => $"{Inputs}→{Units} {Activation}{(Bias ? "" : " (no bias)")}, batch {Batch}, seed {Seed}";
    }

    public static class Cases
    {
        public static Arbitrary<LayerCase> Generate() => Arb.From(
            from inputs in Gen.Choose(1, 33)
            from units in Gen.Choose(1, 33)
            from activation in Gen.Elements(Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.Relu)
            from bias in Gen.Elements(true, false)
            from batch in Gen.Choose(1, 67)
            from seed in Gen.Choose(0, int.MaxValue)
            select new LayerCase(inputs, units, activation, bias, batch, (ulong)seed));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public void DenseLayerBackwardEqualsCentralDifferencesUnderARandomUpstreamGradient(LayerCase c)
    {
        Network network = new NetworkBuilder(c.Inputs).Dense(c.Units, c.Activation, c.Bias).WithLoss(Loss.Sse).WithSeed(c.Seed).WithMaxBatch(c.Batch).Build();
        var random = new SeededRandom(c.Seed ^ 0x1A7E5UL);
        foreach (ref float b in network.Bias(0)) b = (float)(random.NextDouble() - 0.5);
        var x = new float[c.Batch * c.Inputs];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(3 * random.NextDouble() - 1.5);
        double[] w = Widen(network.Weights(0)), bias = Widen(network.Bias(0));
        int weightCount = w.Length, biasCount = bias.Length;

        // g: random in [−1, 1], zero where relu's z is within KinkMargin of its kink, so the loss is smooth there
        double[] z = PreActivation([.. w, .. bias, .. Widen(x)], c);
        var g = new float[z.Length];
        for (int i = 0; i < g.Length; i++)
            g[i] = c.Activation == Activation.Relu && Math.Abs(z[i]) < KinkMargin ? 0f : (float)(2 * random.NextDouble() - 1);
        float[] a = network.Predict(x);
        var t = new float[a.Length];
        for (int i = 0; i < t.Length; i++) t[i] = a[i] - g[i];
        var step = new TrainingStep(network, c.Batch, new OptimizerOptions());
        step.ComputeGradients(x, t, inputGradient: true);

        double[] point = [.. w, .. bias, .. Widen(x)];
        double[] analytic = [.. Widen(step.Gradients), .. Widen(step.InputGradient)];
        double[] upstream = Widen(network.Predict(x));
        for (int i = 0; i < upstream.Length; i++) upstream[i] -= t[i];   // a − t, exactly the g the backward pass saw
        GradientCheckReport report = GradientCheck.Compare(theta =>
        {
            double[] zz = PreActivation(theta, c);
            double sum = 0;
            for (int i = 0; i < zz.Length; i++) sum += upstream[i] * NaiveMlp.F(c.Activation, zz[i]);
            return sum;
        }, point, analytic, new GradientCheckOptions { SamplesPerTensor = 64, Seed = c.Seed });
        Assert.True(report.Passed, $"{c}: {report.Tensors[0]} (coordinates: {weightCount} weights, {biasCount} biases, then x)");
    }

    // z (batch×units) = x·W + b in double, θ = [W (inputs×units), b (units or none), x (batch×inputs)]
    private static double[] PreActivation(ReadOnlySpan<double> theta, LayerCase c)
    {
        int weights = c.Inputs * c.Units, biases = c.Bias ? c.Units : 0;
        ReadOnlySpan<double> w = theta[..weights], b = theta.Slice(weights, biases), x = theta[(weights + biases)..];
        var z = new double[c.Batch * c.Units];
        for (int n = 0; n < c.Batch; n++)
            for (int j = 0; j < c.Units; j++)
            {
                double sum = c.Bias ? b[j] : 0;
                for (int i = 0; i < c.Inputs; i++) sum += x[n * c.Inputs + i] * w[i * c.Units + j];
                z[n * c.Units + j] = sum;
            }
        return z;
    }

    private static double[] Widen(ReadOnlySpan<float> values) => OracleCheck.Widen(values);
}
