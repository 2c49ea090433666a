using FastNet.Kernels;

namespace FastNet.Tests.Kernels;

/// <summary>
/// How many leading rows of a small product take the flat Vector512 rows (the tiny predictor stops its segments there
/// to keep the product's bits): the closed form against its definition, block by block, on every machine.
/// </summary>
public class SmallGemmFlatRowsTests
{
    [Fact]
    public void The_closed_form_takes_blocks_while_a_block_and_its_vector_load_fit()
    {
        for (int m = 0; m <= 600; m++)
            for (int k = 1; k <= 16; k++)
                for (int n = 1; n <= 16; n++)
                    Assert.True(Definition(m, k, n) == SmallGemm.FlatRows(m, k, n), $"{m}×{k}×{n}: {SmallGemm.FlatRows(m, k, n)}, by definition {Definition(m, k, n)}");
        Assert.Equal(252, SmallGemm.FlatRows(256, 2, 4));   // the seed's hidden layer in a 256-row pass
        Assert.Equal(0, SmallGemm.FlatRows(256, 2, 5));      // 16 is no multiple of 5
    }

    // blocks of 16 / n rows, one at a time, while the next block fits in m rows and a 16-float load of a from its first row stays inside a
    private static int Definition(int m, int k, int n)
    {
        if (n >= 16 || 16 % n != 0 || k > n || k * n > 16) return 0;
        int rows = 16 / n, done = 0;
        while (done + rows <= m && done * k + 16 <= m * k) done += rows;
        return done;
    }
}
