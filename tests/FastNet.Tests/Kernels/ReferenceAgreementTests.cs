using FastNet.Kernels;
using FastNet.Reference;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>The element-wise kernels agree with the naive scalar reference (GEMM has its own sweeps in GemmTests).</summary>
public class ReferenceAgreementTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 33)]
    public void BiasGradientColumnSumsMatchReference(int batch, int units)
    {
        float[] z = TestData.Uniform(batch * units, 6);
        float[] db = TestData.Filled(units, float.NaN), dbRef = new float[units];
        ReferenceKernels.ColumnSums(z, dbRef, batch, units, accumulate: false);
        BiasKernels.ColumnSums(z, db, batch, units, accumulate: false);
        AssertClose(dbRef, db, batch);
    }

    [Theory]
    [InlineData(Activation.Identity)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Softmax)]
    public void ActivationForwardMatchesReference(Activation activation)
    {
        const int batch = 9, units = 37;
        float[] z = TestData.Uniform(batch * units, 8);
        for (int i = 0; i < z.Length; i++) z[i] *= 12;
        float[] expected = new float[z.Length], actual = TestData.Filled(z.Length, float.NaN);
        ReferenceKernels.ActivationForward(activation, z, expected, batch, units);
        ActivationKernels.Forward(activation, z, actual, batch, units);
        for (int i = 0; i < z.Length; i++) Assert.Equal(expected[i], actual[i], 5e-6f);
    }

    [Theory]
    [InlineData(Activation.Identity)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    public void ActivationBackwardMatchesReference(Activation activation)
    {
        const int length = 3 * 512 + 7;
        float[] a = TestData.Uniform(length, 9), da = TestData.Uniform(length, 10);
        if (activation == Activation.Sigmoid) for (int i = 0; i < length; i++) a[i] = (a[i] + 1) / 2;
        float[] expected = (float[])da.Clone(), actual = (float[])da.Clone();
        ReferenceKernels.ActivationBackward(activation, a, expected, length);
        ActivationKernels.Backward(activation, a, actual, length);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SigmoidIsFiniteAndSaturatesForExtremeInputs()
    {
        float[] z = [float.MinValue, -1e30f, -100f, -88.8f, 0f, 88.8f, 100f, 1e30f, float.MaxValue];
        float[] a = new float[z.Length];
        ActivationKernels.Forward(Activation.Sigmoid, z, a, 1, z.Length);
        Assert.All(a, v => Assert.True(float.IsFinite(v) && v >= 0f && v <= 1f, $"sigmoid gave {v}"));
        Assert.Equal(0f, a[0]);
        Assert.Equal(0.5f, a[4]);
        Assert.Equal(1f, a[^1]);
    }

    private static void AssertClose(float[] expected, float[] actual, int k)
    {
        Assert.Equal(expected.Length, actual.Length);
        float tolerance = 1e-6f * (k + 1);
        for (int i = 0; i < expected.Length; i++)
        {
            float allowed = tolerance * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= allowed, $"element {i}: expected {expected[i]}, got {actual[i]} (tolerance {allowed})");
        }
    }
}
