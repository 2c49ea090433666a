using System.Runtime.Intrinsics;
using FastNet.Kernels;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The narrow GEMM's lane sums keep one order, (x0 + x1) + (x2 + x3), whichever instructions compute them (SSE3 or
/// ARM64 pairwise adds here; lane by lane in CI's hardware-intrinsics-off run), and four reduced together give each
/// one's bits.
/// </summary>
public class LaneSumsTests
{
    [Fact]
    public void The_order_is_pairs_first_and_four_together_give_each_ones_bits()
    {
        // 1e8 + 1 rounds to 1e8 in float: a sum in another order gives a different float
        var orders = new Vector128<float>[]
        {
            Vector128.Create(1e8f, 1f, -1e8f, 1f),
            Vector128.Create(1f, 1e8f, 1f, -1e8f),
            Vector128.Create(1e8f, -1e8f, 1f, 1f),
            Vector128.Create(3f, 1e-8f, -3f, 1e-8f),
        };
        var random = new Random(5);
        for (int t = 0; t < 200; t++)
        {
            Vector128<float> x = t < orders.Length ? orders[t] : Random(random), y = Random(random), z = Random(random), w = Random(random);
            float expected = (x.GetElement(0) + x.GetElement(1)) + (x.GetElement(2) + x.GetElement(3));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(LaneSums.Of(x)));
            Vector128<float> four = LaneSums.Of(x, y, z, w);
            Vector128<float>[] each = [x, y, z, w];
            for (int q = 0; q < 4; q++)
                Assert.Equal(BitConverter.SingleToInt32Bits(LaneSums.Of(each[q])), BitConverter.SingleToInt32Bits(four.GetElement(q)));
        }
        // (1e8 + 1) + (-1e8 + 1) = 1e8 - 1e8 = 0, where left to right gives 1 and (x0 + x2) + (x1 + x3) gives 2
        Assert.Equal(0f, LaneSums.Of(orders[0]));
    }

    private static Vector128<float> Random(Random random) =>
        Vector128.Create(Next(random), Next(random), Next(random), Next(random));

    private static float Next(Random random) => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 9)));
}
