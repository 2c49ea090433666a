using System.Runtime.Intrinsics;
using FastNet.Kernels.Vectors;
using FastNet.Reference;
using FastNet.Training;
using FastNet.Training.Rules;
using FastNet.Tests.Support;

namespace FastNet.Tests.Training;

/// <summary>
/// Each update rule's first steps against values worked out by hand (one parameter, w = 1, lr = 0.1), and every rule's
/// vectorised pass against its scalar reference over lengths that cross the vector widths.
/// </summary>
public class OptimizerTests
{
    // Runs the rule on one parameter w = 1 through the given gradients; returns w after each step.
    private static float[] Steps(OptimizerOptions options, params float[] gradients)
    {
        Span<float> w = [1f];
        Span<float> state = stackalloc float[Optimizer.StateVectors(options.Kind)];
        Optimizer.Reset(options, state, options.LearningRate);
        var after = new float[gradients.Length];
        for (int t = 0; t < gradients.Length; t++)
        {
            Optimizer.Step(options, options.LearningRate, w, [gradients[t]], state, t + 1);
            after[t] = w[0];
        }
        return after;
    }

    [Fact]
    public void SgdStepsByTheLearningRateTimesTheGradient()
    {
        // w = 1 − 0.1·0.5 = 0.95; 0.95 − 0.1·(−1) = 1.05
        Assert.Equal([0.95f, 1.05f], Steps(new OptimizerOptions { LearningRate = 0.1f }, 0.5f, -1f));
    }

    [Fact]
    public void WeightDecayAddsLambdaTimesWToTheGradient()
    {
        // g = 0.5 + 0.1·1 = 0.6, w = 1 − 0.1·0.6 = 0.94
        Assert.Equal(0.94f, Steps(new OptimizerOptions { LearningRate = 0.1f, WeightDecay = 0.1f }, 0.5f)[0], 1e-7f);
    }

    [Fact]
    public void MomentumAccumulatesTheGradientsAsPyTorchDoes()
    {
        // b1 = 0.5, w = 1 − 0.05 = 0.95; b2 = 0.9·0.5 + 0.5 = 0.95, w = 0.95 − 0.095 = 0.855
        float[] w = Steps(new OptimizerOptions { Kind = OptimizerKind.Momentum, LearningRate = 0.1f, Momentum = 0.9f }, 0.5f, 0.5f);
        Assert.Equal(0.95f, w[0], 1e-7f);
        Assert.Equal(0.855f, w[1], 1e-7f);
    }

    [Fact]
    public void NesterovLooksAheadAlongTheVelocity()
    {
        // b1 = 0.5, w = 1 − 0.1·(0.5 + 0.9·0.5) = 0.905; b2 = 0.95, w = 0.905 − 0.1·(0.5 + 0.855) = 0.7695
        float[] w = Steps(new OptimizerOptions { Kind = OptimizerKind.Nesterov, LearningRate = 0.1f, Momentum = 0.9f }, 0.5f, 0.5f);
        Assert.Equal(0.905f, w[0], 1e-7f);
        Assert.Equal(0.7695f, w[1], 1e-6f);
    }

    [Fact]
    public void AdamFollowsPyTorchsPublishedUpdateRule()
    {
        // torch.optim.Adam's documented algorithm with lr 0.1, β (0.9, 0.999), ε 1e-8, from w = 1, m = v = 0:
        // t=1, g=0.5:  m=0.05,   v=0.00025,     m̂=0.5,        v̂=0.25,        w = 1 − 0.1·0.5/(0.5+ε)          = 0.900000002
        // t=2, g=−1:   m=−0.055, v=0.00124975,  m̂=−0.2894737, v̂=0.6251876,   w = 0.9 + 0.1·0.2894737/0.7906881 = 0.9366103542
        // t=3, g=0.25: m=−0.0245, v=0.00131100, m̂=−0.0903910, v̂=0.4376126,   w                                  = 0.9502794203
        float[] w = Steps(new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.1f }, 0.5f, -1f, 0.25f);
        Assert.Equal(0.900000002, w[0], 2.5e-7);   // a few float32 ulps at 0.9
        Assert.Equal(0.9366103542, w[1], 2.5e-7);   // a few float32 ulps at 0.9
        Assert.Equal(0.9502794203, w[2], 2.5e-7);   // a few float32 ulps at 0.9
    }

    [Fact]
    public void AdamsFirstStepMovesEveryParameterByTheLearningRate()
    {
        // m̂ = g and v̂ = g² at t = 1, so the step is lr·g/(|g| + ε) ≈ lr·sign(g) whatever the gradient's scale.
        var options = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f };
        float[] w = TestData.Filled(37, 2f), g = TestData.Uniform(37, 5);
        var state = new float[2 * 37];
        Optimizer.Step(options, 0.01f, w, g, state, 1);
        for (int i = 0; i < w.Length; i++) Assert.Equal(2f - 0.01f * MathF.Sign(g[i]), w[i], 1e-6f);
    }

    [Fact]
    public void RpropGrowsOnTheSameSignShrinksAndForgetsOnAFlip()
    {
        // Δ0 = 0.1. g 0.5: no previous sign, w = 0.9; g 0.3: same sign, Δ = 0.12, w = 0.78;
        // g −0.2: flip, Δ = 0.06 and the gradient is forgotten, w stays 0.78; g −0.2: no previous sign, w = 0.84
        float[] w = Steps(new OptimizerOptions { Kind = OptimizerKind.Rprop, LearningRate = 0.1f }, 0.5f, 0.3f, -0.2f, -0.2f);
        Assert.Equal(0.9f, w[0], 1e-7f);
        Assert.Equal(0.78f, w[1], 1e-6f);
        Assert.Equal(0.78f, w[2], 1e-6f);
        Assert.Equal(0.84f, w[3], 1e-6f);
    }

    [Fact]
    public void RpropStepsStayWithinTheirBounds()
    {
        var options = new OptimizerOptions { Kind = OptimizerKind.Rprop, LearningRate = 40f };
        float[] w = Steps(options, 1f, 1f, 1f, 1f);   // Δ: 40, 48, 50 (capped), 50
        Assert.Equal([-39f, -87f, -137f, -187f], w);
    }

    public static TheoryData<OptimizerKind, float> Rules => new()
    {
        { OptimizerKind.Sgd, 0f }, { OptimizerKind.Sgd, 0.01f },
        { OptimizerKind.Momentum, 0f }, { OptimizerKind.Momentum, 0.01f },
        { OptimizerKind.Nesterov, 0f }, { OptimizerKind.Nesterov, 0.01f },
        { OptimizerKind.Adam, 0f }, { OptimizerKind.Adam, 0.01f },
        { OptimizerKind.Rprop, 0f }, { OptimizerKind.Rprop, 0.01f },
    };

    [Theory, MemberData(nameof(Rules))]
    public void VectorisedRulesAgreeWithTheirScalarReferencesAtEveryLength(OptimizerKind kind, float decay)
    {
        var options = new OptimizerOptions { Kind = kind, LearningRate = 0.05f, Momentum = 0.8f, WeightDecay = decay };
        for (int n = 0; n <= 70; n++)
        {
            float[] w = TestData.Uniform(n, n + 1), expected = (float[])w.Clone();
            var state = new float[Optimizer.StateVectors(kind) * n];   // sized by the rule, as a trainer sizes it
            var reference = new float[Optimizer.MaxStateVectors * n];
            Optimizer.Reset(options, state, options.LearningRate);
            Optimizer.Reset(options, reference, options.LearningRate);
            for (int t = 1; t <= 4; t++)
            {
                // gradients that change sign between steps exercise every iRPROP− branch
                float[] g = TestData.Uniform(n, 100 * n + t);
                if (t == 3) Array.Clear(g, 0, n / 3);
                Optimizer.Step(options, options.LearningRate, w, g, state, t);
                ReferenceRules.Step(options, options.LearningRate, expected, g, reference, t);
                for (int i = 0; i < n; i++)
                    Assert.True(Math.Abs(w[i] - expected[i]) <= 2e-6f * Math.Max(1f, Math.Abs(expected[i])),
                        $"{kind} n={n} t={t} i={i}: {w[i]} vs reference {expected[i]}");
            }
        }
    }

    [Theory, MemberData(nameof(Rules))]
    public void EveryWidthOfEveryRuleHasTheScalarWidthsBits(OptimizerKind kind, float decay)
    {
        var o = new OptimizerOptions { Kind = kind, LearningRate = 0.05f, Momentum = 0.8f, WeightDecay = decay };
        for (int t = 1; t <= 3; t++)
            switch (kind)
            {
                case OptimizerKind.Sgd: SameBitsOnEveryWidth(new SgdRule(o.LearningRate), decay, t); break;
                case OptimizerKind.Momentum or OptimizerKind.Nesterov:
                    SameBitsOnEveryWidth(new MomentumRule(o.LearningRate, o.Momentum, kind == OptimizerKind.Nesterov), decay, t); break;
                case OptimizerKind.Adam: SameBitsOnEveryWidth(new AdamRule(o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, t), decay, t); break;
                default: SameBitsOnEveryWidth(new RpropRule(o.RpropIncrease, o.RpropDecrease, o.RpropMinStep, o.RpropMaxStep), decay, t); break;
            }
    }

    // one step of the rule on lengths 0..70 through each width's path (Vector512 in software where the hardware lacks it)
    // against the scalar width: parameters and both state vectors bit for bit
    private static void SameBitsOnEveryWidth<TRule>(TRule rule, float decay, int seed) where TRule : struct, IUpdateRule
    {
        for (int n = 0; n <= 70; n++)
        {
            float[] w = TestData.Uniform(n, n + seed), g = TestData.Uniform(n, 100 * n + seed);
            float[] s0 = TestData.Uniform(n, 200 * n + seed), s1 = TestData.Uniform(n, 300 * n + seed).Select(v => Math.Abs(v) + 0.01f).ToArray();
            Array.Clear(g, 0, n / 4);
            float[][] expected = [(float[])w.Clone(), (float[])s0.Clone(), (float[])s1.Clone()];
            UpdateDriver.Run<TRule, float, ScalarWidth>(rule, decay, expected[0], g, expected[1], expected[2]);
            foreach (int width in new[] { 16, 8, 4 })
            {
                float[][] actual = [(float[])w.Clone(), (float[])s0.Clone(), (float[])s1.Clone()];
                switch (width)
                {
                    case 16: UpdateDriver.Run<TRule, Vector512<float>, Vector512Width>(rule, decay, actual[0], g, actual[1], actual[2]); break;
                    case 8: UpdateDriver.Run<TRule, Vector256<float>, Vector256Width>(rule, decay, actual[0], g, actual[1], actual[2]); break;
                    default: UpdateDriver.Run<TRule, Vector128<float>, Vector128Width>(rule, decay, actual[0], g, actual[1], actual[2]); break;
                }
                for (int k = 0; k < 3; k++)
                    Assert.True(System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(expected[k]).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(actual[k])), $"{typeof(TRule).Name} width {width}, n {n}: vector {k} differs from the scalar width");
            }
        }
    }

    [Theory]
    [InlineData(0f, "learning rate")]
    [InlineData(float.NaN, "learning rate")]
    public void InvalidHyperParametersAreRefused(float lr, string message)
    {
        var e = Assert.Throws<TrainingOptionException>(() => Optimizer.Validate(new OptimizerOptions { LearningRate = lr }));
        Assert.Contains(message, e.Message);
        Assert.Throws<TrainingOptionException>(() => Optimizer.Validate(new OptimizerOptions { Momentum = 1f }));
        Assert.Throws<TrainingOptionException>(() => Optimizer.Validate(new OptimizerOptions { WeightDecay = -1f }));
        Assert.Throws<TrainingOptionException>(() => Optimizer.Validate(new OptimizerOptions { Beta2 = 1f }));
    }

    [Fact]
    public void SchedulesFollowPyTorchsStepAndExponentialDecay()
    {
        LearningRateSchedule step = LearningRateSchedule.Step(10, 0.5f), exp = LearningRateSchedule.Exponential(0.9f);
        Assert.Equal(0.2f, LearningRateSchedule.Constant.Rate(0.2f, 1000));
        Assert.Equal(0.2f, step.Rate(0.2f, 9));
        Assert.Equal(0.1f, step.Rate(0.2f, 10));
        Assert.Equal(0.05f, step.Rate(0.2f, 25));
        Assert.Equal(0.2f, exp.Rate(0.2f, 0));
        Assert.Equal(0.2f * 0.9f * 0.9f, exp.Rate(0.2f, 2), 1e-7f);
        Assert.Throws<FastNetException>(() => LearningRateSchedule.Step(0, 0.5f));
        Assert.Throws<FastNetException>(() => LearningRateSchedule.Exponential(1.5f));
    }
}
