using FastNet.Kernels;
using FastNet.Tests.Support;

namespace FastNet.Tests.Training;

/// <summary>The divergence check: one bad value anywhere in any length of span is found; extreme finite values are not bad.</summary>
public class FiniteCheckTests
{
    [Fact]
    public void FindsNaNAndInfinityAtEveryPositionOfEveryLength()
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00001)) })
            for (int n = 1; n <= 70; n++)
            {
                float[] x = TestData.Uniform(n, n);
                Assert.True(FiniteCheck.AllFinite(x));
                for (int i = 0; i < n; i++)
                {
                    float kept = x[i];
                    x[i] = bad;
                    Assert.False(FiniteCheck.AllFinite(x), $"{bad} at {i} of {n}");
                    x[i] = kept;
                }
            }
    }

    [Fact]
    public void ExtremeFiniteValuesAndEmptySpansPass()
    {
        float[] x = [float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon, 0f, -0f, 1e-40f, 3.4e38f];
        float[] many = new float[67];
        for (int i = 0; i < many.Length; i++) many[i] = x[i % x.Length];
        Assert.True(FiniteCheck.AllFinite(x));
        Assert.True(FiniteCheck.AllFinite(many));
        Assert.True(FiniteCheck.AllFinite([]));
    }
}
