using FastNet.Data;
using FastNet.Diagnostics;

namespace FastNet.Tests.Gradients;

/// <summary>
/// <see cref="GradientCheck.Assert(Network, Dataset, GradientCheckOptions?)"/> and its custom-loss overload, as a user's
/// test suite calls them: silent on a right gradient, a <see cref="GradientCheckException"/> whose message is the table
/// of the worst coordinates on a wrong one. f(θ) = Σᵢ θᵢ³/3 + θ₀θ₁, ∂f/∂θᵢ = θᵢ² (+ θ₁ for i = 0, + θ₀ for i = 1).
/// </summary>
public class GradientAssertTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly double[] Point = [0.5, -1.25, 2.0, 0.75, -0.3];

    private static double F(ReadOnlySpan<double> theta)
    {
        double f = theta[0] * theta[1];
        foreach (double v in theta) f += v * v * v / 3;
        return f;
    }

    private static double[] Gradient()
    {
        var g = new double[Point.Length];
        for (int i = 0; i < g.Length; i++) g[i] = Point[i] * Point[i];
        g[0] += Point[1];
        g[1] += Point[0];
        return g;
    }

    [Fact]
    public void ARightGradientOfAnOwnLossPasses()
    {
        GradientCheckReport report = GradientCheck.Assert(F, Point, Gradient());
        Assert.True(report.Passed);
        Assert.Contains("gradient check passed", report.ToTable());
    }

    [Fact]
    public void AWrongGradientFailsWithATableWhoseFirstRowIsTheWrongCoordinate()
    {
        double[] analytic = Gradient();
        analytic[3] += 0.05;           // the wrong one: 1.25 % of the scale (4), above the 0.1 % tolerance
        analytic[2] *= 1 + 2e-3;       // a smaller error, also outside the tolerance
        var e = Assert.Throws<GradientCheckException>(() => GradientCheck.Assert(F, Point, analytic));
        output.WriteLine(e.Message);
        Assert.False(e.Report.Passed);
        string[] lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("gradient check FAILED: 1 of 1 tensors outside tolerance", lines[0]);
        Assert.StartsWith("tensor ", lines[2]);
        Assert.StartsWith("point             [0,3] ", lines[3]);
        Assert.EndsWith("FAILED", lines[3].TrimEnd());
        Assert.StartsWith("                  [0,2] ", lines[4]);
        Assert.EndsWith("FAILED", lines[4].TrimEnd());
        Assert.DoesNotContain("FAILED", lines[5]);   // the third worst passes and is shown without the mark
        Assert.Equal(TensorGradientCheck.WorstCount, e.Report.Tensors[0].WorstCoordinates.Count);
        Assert.IsAssignableFrom<FastNetException>(e);
    }

    [Fact]
    public void ANetworksOwnBackwardPassPassesTheAssertion()
    {
        Network net = new NetworkBuilder(inputs: 2).Dense(3, Activation.Tanh).Dense(2, Activation.Softmax)
            .WithLoss(Loss.CrossEntropy).WithSeed(3).WithMaxBatch(8).Build();
        var data = new Dataset([0.1f, 0.4f, -0.7f, 0.2f, 0.9f, -0.3f, 0.5f, 0.5f], 2, labels: [0, 1, 1, 0]);
        GradientCheckReport report = GradientCheck.Assert(net, data);
        Assert.Equal(5, report.Tensors.Count);   // two layers' weights and bias, and the input
        string table = report.ToTable();
        foreach (TensorGradientCheck tensor in report.Tensors) Assert.Contains(tensor.Name, table);
    }
}

/// <summary>
/// A custom loss on the public <see cref="FastNet.Training.TrainingStep"/>: the part the user writes is ∂L/∂output, which
/// <see cref="GradientCheck.Assert(Func{ReadOnlySpan{double}, double}, ReadOnlySpan{double}, ReadOnlySpan{double}, GradientCheckOptions?)"/>
/// checks at the step's outputs; the step backpropagates it with the network's own (gradient-checked) backward pass.
/// Huber loss with δ = 0.5 on a 2-3-2 tanh/identity network: L = Σ h(y − t), h(r) = r²/2 for |r| ≤ δ, else δ(|r| − δ/2).
/// </summary>
public class CustomLossGradientTests
{
    private const double Delta = 0.5;
    private static readonly float[] X = [0.3f, -1.2f, 0.8f, 0.5f, -0.4f, 2.0f];
    private static readonly double[] T = [0.1, -0.5, 1.5, 0.2, -2.0, 0.0];

    private static double Huber(ReadOnlySpan<double> y)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = y[i] - T[i];
            sum += Math.Abs(r) <= Delta ? r * r / 2 : Delta * (Math.Abs(r) - Delta / 2);
        }
        return sum;
    }

    private static double[] HuberGradient(ReadOnlySpan<double> y, bool wrong)
    {
        var g = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            double r = y[i] - T[i];
            g[i] = Math.Abs(r) <= Delta ? r : (wrong ? 1 : Delta) * Math.Sign(r);   // the wrong one forgets δ outside
        }
        return g;
    }

    [Fact]
    public void TheOutputGradientOfACustomLossIsCheckedAtTheStepsOutputsAndBackpropagated()
    {
        Network net = new NetworkBuilder(inputs: 2).Dense(3, Activation.Tanh).Dense(2, Activation.Identity).WithLoss(Loss.Mse).WithSeed(4).Build();
        var step = new FastNet.Training.TrainingStep(net, maxBatch: 3, new FastNet.Training.OptimizerOptions());
        ReadOnlySpan<float> outputs = step.Forward(X);
        var y = new double[outputs.Length];
        for (int i = 0; i < y.Length; i++) y[i] = outputs[i];

        double[] right = HuberGradient(y, wrong: false);
        GradientCheck.Assert(Huber, y, right);
        Assert.Throws<GradientCheckException>(() => GradientCheck.Assert(Huber, y, HuberGradient(y, wrong: true)));

        var dy = new float[right.Length];
        for (int i = 0; i < dy.Length; i++) dy[i] = (float)right[i];
        step.Backward(dy);
        Assert.Contains(step.Gradients.ToArray(), g => g != 0);
    }
}
