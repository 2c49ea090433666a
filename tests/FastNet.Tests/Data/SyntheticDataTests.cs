using FastNet.Data;

namespace FastNet.Tests.Data;

/// <summary>The generators follow their formulas exactly without noise, add noise of the stated size, and are seeded.</summary>
public class SyntheticDataTests
{
    [Fact]
    public void CirclesWithoutNoiseLieOnTheTwoCirclesAtEvenAngles()
    {
        Dataset data = SyntheticData.Circles(101, noise: 0, factor: 0.5, seed: 3);
        Assert.Equal(101, data.Count);
        var angles = new List<double>[] { [], [] };
        for (int i = 0; i < data.Count; i++)
        {
            double x = data.Row(i)[0], y = data.Row(i)[1];
            int label = data.Labels[i];
            Assert.Equal(label == 0 ? 1.0 : 0.5, Math.Sqrt(x * x + y * y), 5);
            angles[label].Add((Math.Atan2(y, x) + 2 * Math.PI) % (2 * Math.PI));
        }
        Assert.Equal(50, angles[0].Count); // ⌊n/2⌋ outer
        Assert.Equal(51, angles[1].Count);
        for (int label = 0; label < 2; label++)
        {
            angles[label].Sort();
            int n = angles[label].Count;
            for (int j = 0; j < n; j++) Assert.Equal(2 * Math.PI * j / n, angles[label][j] < 2 * Math.PI - 1e-5 ? angles[label][j] : 0, 4);
        }
    }

    [Fact]
    public void BlobsWithoutNoiseSitOnCentresInsideTheBoxWithEvenCounts()
    {
        Dataset data = SyntheticData.Blobs(103, classes: 4, features: 3, clusterStd: 0, seed: 7);
        var centres = new Dictionary<int, float[]>();
        var counts = new int[4];
        for (int i = 0; i < data.Count; i++)
        {
            int label = data.Labels[i];
            counts[label]++;
            float[] row = data.Row(i).ToArray();
            Assert.All(row, v => Assert.InRange(v, -10f, 10f));
            if (centres.TryGetValue(label, out float[]? centre)) Assert.Equal(centre, row);
            else centres[label] = row;
        }
        Assert.Equal([26, 26, 26, 25], counts); // 103 / 4, the first 103 mod 4 centres one more
    }

    [Fact]
    public void BlobNoiseHasTheClusterStandardDeviation()
    {
        Dataset data = SyntheticData.Blobs(20000, classes: 2, features: 2, clusterStd: 1.5, seed: 11);
        Dataset centres = SyntheticData.Blobs(20000, classes: 2, features: 2, clusterStd: 0, seed: 11);
        double sum = 0, squares = 0;
        int n = 0;
        var centre = new float[2][];
        for (int i = 0; i < centres.Count; i++) centre[centres.Labels[i]] = centres.Row(i).ToArray();
        for (int i = 0; i < data.Count; i++)
            for (int f = 0; f < 2; f++)
            {
                double d = data.Row(i)[f] - centre[data.Labels[i]][f];
                sum += d;
                squares += d * d;
                n++;
            }
        Assert.InRange(sum / n, -0.03, 0.03);
        Assert.InRange(Math.Sqrt(squares / n), 1.47, 1.53);
    }

    [Fact]
    public void XorLabelsAreTheSignRule()
    {
        Dataset data = SyntheticData.Xor(500, noise: 0, seed: 2);
        int ones = 0;
        for (int i = 0; i < data.Count; i++)
        {
            float u = data.Row(i)[0], v = data.Row(i)[1];
            Assert.InRange(u, -1f, 1f);
            Assert.InRange(v, -1f, 1f);
            Assert.Equal((u < 0) != (v < 0) ? 1 : 0, data.Labels[i]);
            ones += data.Labels[i];
        }
        Assert.InRange(ones, 200, 300);
    }

    [Fact]
    public void SpiralPointsFollowTheArmFormula()
    {
        const int classes = 3;
        Dataset data = SyntheticData.Spirals(90, classes, noise: 0, seed: 4);
        var radii = new List<double>[classes];
        for (int k = 0; k < classes; k++) radii[k] = [];
        for (int i = 0; i < data.Count; i++)
        {
            double x = data.Row(i)[0], y = data.Row(i)[1], r = Math.Sqrt(x * x + y * y);
            int k = data.Labels[i];
            radii[k].Add(r);
            double theta = 2 * Math.PI * k / classes + SyntheticData.SpiralTurn * r;
            Assert.Equal(r * Math.Cos(theta), x, 4);
            Assert.Equal(r * Math.Sin(theta), y, 4);
        }
        foreach (List<double> arm in radii)
        {
            arm.Sort();
            Assert.Equal(30, arm.Count);
            for (int j = 0; j < arm.Count; j++) Assert.Equal((j + 1.0) / 30, arm[j], 5);
        }
    }

    [Fact]
    public void MoonsWithoutNoiseLieOnTheTwoHalfCircles()
    {
        Dataset data = SyntheticData.Moons(60, 0, seed: 1);
        for (int i = 0; i < data.Count; i++)
        {
            double x = data.Row(i)[0], y = data.Row(i)[1];
            double cx = data.Labels[i] == 0 ? 0 : 1, cy = data.Labels[i] == 0 ? 0 : 0.5;
            Assert.Equal(1, Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)), 5);
            Assert.True(data.Labels[i] == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6);
        }
    }

    [Fact]
    public void SameSeedSameDataOtherSeedOtherData()
    {
        Assert.Equal(SyntheticData.Spirals(50, 2, 0.1, 5).Features.ToArray(), SyntheticData.Spirals(50, 2, 0.1, 5).Features.ToArray());
        Assert.NotEqual(SyntheticData.Circles(50, 0.1, 0.8, 5).Features.ToArray(), SyntheticData.Circles(50, 0.1, 0.8, 6).Features.ToArray());
    }

    [Theory]
    [InlineData("circles factor")]
    [InlineData("blobs classes")]
    [InlineData("spirals classes")]
    [InlineData("noise")]
    [InlineData("samples")]
    public void BadParametersAreRefused(string what)
    {
        Action make = what switch
        {
            "circles factor" => () => SyntheticData.Circles(10, 0, 1.0, 0),
            "blobs classes" => () => SyntheticData.Blobs(10, 0, 2, 1, 0),
            "spirals classes" => () => SyntheticData.Spirals(10, 1, 0, 0),
            "noise" => () => SyntheticData.Xor(10, double.NaN, 0),
            _ => () => SyntheticData.Blobs(1, 1, 2, 1, 0),
        };
        Assert.Throws<ArgumentOutOfRangeException>(make);
    }
}
