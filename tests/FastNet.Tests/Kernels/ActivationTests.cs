using System.Runtime.Intrinsics;
using FastNet.Kernels;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;
using FastNet.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastNet.Tests.Kernels;

public class ActivationTests
{
    // the operators' members through the interface, as the drivers call them
    private static float Invoke<TOp>(float x) where TOp : struct, IUnaryOperator => TOp.Invoke(x);
    private static Vector128<float> Invoke<TOp>(Vector128<float> x) where TOp : struct, IUnaryOperator => TOp.Invoke(x);
    private static Vector256<float> Invoke<TOp>(Vector256<float> x) where TOp : struct, IUnaryOperator => TOp.Invoke(x);
    private static Vector512<float> Invoke<TOp>(Vector512<float> x) where TOp : struct, IUnaryOperator => TOp.Invoke(x);

    // every float magnitude from subnormal to overflow, both signs, plus the points where the formulas switch
    private static IEnumerable<float> Inputs()
    {
        foreach (float special in new[] { 0f, -0f, float.Epsilon, 1e-30f, 1e-7f, 0.25f, 0.5f, 0.5493f, 1f, 2f, 8.3f, 9f, 15.9f, 16.7f, 20f, 40f,
                     87.3f, 88.8f, 103.9f, 104.1f, 105.1f, 1e30f, float.MaxValue })
        {
            yield return special;
            yield return -special;
        }
        var random = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            float x = (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.NextDouble() * 3 - 1.5));
            yield return x;
        }
    }

    private static double UlpDistance(float got, double exact)
    {
        float rounded = (float)exact;
        if (got == rounded) return 0;
        double ulp = Math.Max(Math.Abs(MathF.BitIncrement(rounded) - rounded), float.Epsilon);
        return Math.Abs(got - exact) / ulp;
    }

    [Fact]
    public void Sigmoid_is_within_four_ulp_of_the_exact_value()
    {
        double worst = 0;
        foreach (float x in Inputs())
        {
            double exact = 1 / (1 + Math.Exp(-(double)x));
            double ulps = UlpDistance(Invoke<SigmoidOperator>(x), exact);
            // results below the smallest normal float are compared absolutely: one subnormal step is the ulp there
            Assert.True(ulps <= 4, $"sigmoid({x}) = {Invoke<SigmoidOperator>(x)}, exact {exact}: {ulps} ulp");
            worst = Math.Max(worst, ulps);
        }
    }

    [Fact]
    public void Tanh_is_within_four_ulp_of_the_exact_value()
    {
        foreach (float x in Inputs())
        {
            double exact = Math.Tanh(x);
            double ulps = UlpDistance(Invoke<TanhOperator>(x), exact);
            Assert.True(ulps <= 4, $"tanh({x}) = {Invoke<TanhOperator>(x)}, exact {exact}: {ulps} ulp");
        }
    }

    [Fact]
    public void Limits_are_exact()
    {
        Assert.Equal(1f, Invoke<SigmoidOperator>(float.PositiveInfinity));
        Assert.Equal(0f, Invoke<SigmoidOperator>(float.NegativeInfinity));
        Assert.Equal(1f, Invoke<SigmoidOperator>(float.MaxValue));
        Assert.Equal(0f, Invoke<SigmoidOperator>(-float.MaxValue));
        Assert.Equal(0.5f, Invoke<SigmoidOperator>(0f));
        Assert.Equal(1f, Invoke<TanhOperator>(float.PositiveInfinity));
        Assert.Equal(-1f, Invoke<TanhOperator>(float.NegativeInfinity));
        Assert.Equal(1f, Invoke<TanhOperator>(50f));
        Assert.Equal(0f, Invoke<TanhOperator>(0f));
        Assert.True(float.IsNegative(Invoke<TanhOperator>(-0f)));
        Assert.Equal(0f, Invoke<ReluOperator>(-3f));
    }

    [Property]
    public Property Sigmoid_and_tanh_never_return_NaN_for_finite_input() =>
        Prop.ForAll(ArbMap.Default.ArbFor<float>().Filter(float.IsFinite), x =>
        {
            float s = Invoke<SigmoidOperator>(x), t = Invoke<TanhOperator>(x);
            return s >= 0f && s <= 1f && t >= -1f && t <= 1f;
        });

    [Property]
    public Property Every_lane_of_every_width_has_the_bits_of_the_scalar_forward_and_backward() =>
        Prop.ForAll(ArbMap.Default.ArbFor<float>().Filter(float.IsFinite), ArbMap.Default.ArbFor<float>().Filter(float.IsFinite), (x, y) =>
            SameBits<SigmoidOperator>(x, y) && SameBits<TanhOperator>(x, y) && SameBits<ReluOperator>(x, y) && SameBits<IdentityOperator>(x, y)
            && SameBits<SigmoidOperator>(x, y * 1e-3f) && SameBits<TanhOperator>(y * 1e-3f, x));

    // forward of x and backward of (da = x, a = y) in lanes 0 and last of Vector128/256/512 against the scalar members
    private static bool SameBits<TOp>(float x, float y) where TOp : struct, IActivationOperator<TOp>
    {
        int forward = BitConverter.SingleToInt32Bits(Invoke<TOp>(x)), backward = BitConverter.SingleToInt32Bits(TOp.Backward<float, ScalarWidth>(x, y));
        bool Same(float f, float b) => BitConverter.SingleToInt32Bits(f) == forward && BitConverter.SingleToInt32Bits(b) == backward;
        Vector128<float> x4 = Vector128.Create(x), y4 = Vector128.Create(y);
        Vector256<float> x8 = Vector256.Create(x), y8 = Vector256.Create(y);
        Vector512<float> x16 = Vector512.Create(x), y16 = Vector512.Create(y);
        return Same(Invoke<TOp>(x4).GetElement(0), ActivationBackward<TOp>.Invoke(x4, y4).GetElement(3))
            && Same(Invoke<TOp>(x8).GetElement(7), ActivationBackward<TOp>.Invoke(x8, y8).GetElement(0))
            && Same(Invoke<TOp>(x16).GetElement(15), ActivationBackward<TOp>.Invoke(x16, y16).GetElement(5));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(6 * 512 + 7)]
    public void Forward_over_spans_matches_the_operators_in_place_and_out_of_place(int length)
    {
        var random = new Random(length);
        float[] z = GemmOracle.Random(random, length, 30f);
        foreach (Activation activation in new[] { Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.Identity })
        {
            var a = new float[length];
            ActivationKernels.Forward(activation, z, a, 1, length);
            float[] inPlace = (float[])z.Clone();
            ActivationKernels.Forward(activation, inPlace, inPlace, 1, length);
            for (int i = 0; i < length; i++)
            {
                double exact = ReferenceKernels.Apply(activation, z[i]);
                Assert.True(UlpDistance(a[i], exact) <= 4, $"{activation}({z[i]}) = {a[i]}, reference {exact}");
                Assert.Equal(a[i], inPlace[i]);
            }
        }
    }

    [Theory]
    [InlineData(100, 4)]
    [InlineData(100, 1)]
    [InlineData(33, 16)]
    [InlineData(7, 37)]
    [InlineData(64, 256)]
    public void Fused_backward_and_bias_gradient_match_the_reference(int batch, int units)
    {
        var random = new Random(batch * 1000 + units);
        int length = batch * units;
        float[] a = GemmOracle.Random(random, length), da = GemmOracle.Random(random, length);
        foreach (Activation activation in new[] { Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.Identity })
        {
            float[] d = (float[])da.Clone(), expected = (float[])da.Clone();
            var db = new float[units];
            Array.Fill(db, float.NaN);
            var expectedDb = new float[units];
            ActivationKernels.BackwardWithColumnSums(activation, a, d, db, batch, units);
            ReferenceKernels.ActivationBackward(activation, a, expected, length);
            ReferenceKernels.ColumnSums(expected, expectedDb, batch, units, accumulate: false);
            Assert.Equal(expected, d);
            for (int j = 0; j < units; j++)
            {
                double bound = 0;
                for (int i = 0; i < batch; i++) bound += Math.Abs(expected[i * units + j]);
                bound *= (batch + 1) * 6e-8;
                Assert.True(Math.Abs(db[j] - expectedDb[j]) <= bound + float.Epsilon, $"{activation} db[{j}] = {db[j]} vs {expectedDb[j]}");
            }
        }
    }
}
