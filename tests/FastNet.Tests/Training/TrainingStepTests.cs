using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Training;

public class TrainingStepTests
{
    // A custom loss that is the built-in one, given as ∂L/∂output, must backpropagate to the same gradients (to the
    // rounding of the chain rule through f′ that the fused loss gradient skips).
    [Theory]
    [InlineData(Loss.Sse)]
    [InlineData(Loss.CrossEntropy)]
    public void ACustomOutputGradientBackpropagatesLikeTheBuiltInLoss(Loss loss)
    {
        const int batch = 7, inputs = 5, outputs = 3;
        Activation output = loss == Loss.CrossEntropy ? Activation.Softmax : Activation.Sigmoid;
        Network network = new NetworkBuilder(inputs).Dense(6, Activation.Tanh).Dense(outputs, output).WithLoss(loss).WithSeed(4).Build();
        float[] x = TestData.Uniform(batch * inputs, 11), t = new float[batch * outputs];
        for (int i = 0; i < batch; i++) t[i * outputs + i % outputs] = 1f;
        var step = new TrainingStep(network, batch, new OptimizerOptions());

        step.Forward(x);
        float builtIn = step.Loss(t);
        step.Backward(inputGradient: true);
        float[] expected = step.Gradients.ToArray(), expectedDx = step.InputGradient.ToArray();

        float[] y = step.Forward(x).ToArray();
        var da = new float[y.Length];
        double custom = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (loss == Loss.Sse)
            {
                custom += 0.5 * (y[i] - t[i]) * (y[i] - t[i]);
                da[i] = y[i] - t[i];                        // ∂(½Σ(a − t)²)/∂a
            }
            else
            {
                custom -= t[i] * Math.Log(y[i]) / batch;
                da[i] = -t[i] / (y[i] * batch);             // ∂(−Σ t·ln a / N)/∂a
            }
        }
        step.Backward(da, inputGradient: true);

        Assert.Equal(builtIn, custom, 1e-5 * Math.Max(1, custom));
        OracleCheck.Close($"{loss} ∂L/∂θ", expected, step.Gradients, new OracleCheck.Tolerance(1e-5, 1e-4));
        OracleCheck.Close($"{loss} ∂L/∂x", expectedDx, step.InputGradient, new OracleCheck.Tolerance(1e-5, 1e-4));
    }

    [Fact]
    public void RunIsForwardLossBackwardAndUpdate()
    {
        float[] x = TestData.Uniform(8 * 2, 3), t = TestData.Uniform(8, 5);
        Network a = new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithSeed(2).Build();
        Network b = a.Clone();
        var options = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f };
        var fused = new TrainingStep(a, 8, options);
        var pieces = new TrainingStep(b, 8, options);
        for (int i = 0; i < 3; i++)
        {
            float loss = fused.Run(x, t, 0.01f);
            pieces.Forward(x);
            Assert.Equal(loss, pieces.Loss(t), 1e-6f);
            pieces.Backward();
            pieces.Update(0.01f);
        }
        Assert.Equal(3, fused.Steps);
        OracleCheck.Close("parameters", a.Parameters, b.Parameters, new OracleCheck.Tolerance(1e-6, 1e-5));
    }

    [Fact]
    public void WrongSizesAndOrderAreArgumentAndOperationErrors()
    {
        Network network = new NetworkBuilder(2).Dense(1, Activation.Sigmoid).Build();
        var step = new TrainingStep(network, 4, new OptimizerOptions());
        Assert.Throws<InvalidOperationException>(() => step.Backward());
        Assert.Throws<ArgumentException>(() => step.Forward(new float[3]));
        Assert.Throws<ArgumentException>(() => step.Forward(new float[10]));   // 5 rows, more than the step's 4
        step.Forward(new float[4]);
        Assert.Throws<InvalidOperationException>(() => step.Backward());       // no Loss yet
        Assert.Throws<ArgumentException>(() => step.Loss(new float[3]));
    }
}
