namespace FastNet.Data;

/// <summary>Seeded generators of the classic toy datasets, following scikit-learn's formulas.</summary>
public static class SyntheticData
{
    /// <summary>
    /// scikit-learn's <c>make_moons</c>: ⌊n/2⌋ points on the upper half circle (cos t, sin t), label 0, and the rest on the
    /// lower one (1 − cos t, ½ − sin t), label 1, for t evenly spaced over [0, π]; Gaussian noise of standard deviation
    /// <paramref name="noise"/> on both coordinates; samples shuffled. The same seed gives the same data.
    /// </summary>
    public static Dataset Moons(int samples, double noise, ulong seed)
    {
        if (samples < 2) throw new FastNetException($"moons needs at least 2 samples, not {samples}");
        if (!(noise >= 0) || !double.IsFinite(noise)) throw new FastNetException($"the noise must be a finite number ≥ 0, not {noise}");
        var random = new SeededRandom(seed);
        int outer = samples / 2, inner = samples - outer;
        var x = new float[samples * 2];
        var y = new int[samples];
        Span<int> order = samples <= 4096 ? stackalloc int[samples] : new int[samples];
        random.Shuffle(order);
        for (int i = 0; i < samples; i++)
        {
            bool isOuter = i < outer;
            int j = isOuter ? i : i - outer;
            int n = isOuter ? outer : inner;
            double t = n == 1 ? 0 : Math.PI * j / (n - 1);
            double px = isOuter ? Math.Cos(t) : 1 - Math.Cos(t);
            double py = isOuter ? Math.Sin(t) : 0.5 - Math.Sin(t);
            int row = order[i];
            x[2 * row] = (float)(px + noise * random.NextGaussian());
            x[2 * row + 1] = (float)(py + noise * random.NextGaussian());
            y[row] = isOuter ? 0 : 1;
        }
        return new Dataset(x, 2, labels: y,
            description: $"FastNet moons(samples={samples}, noise={noise.ToString(System.Globalization.CultureInfo.InvariantCulture)}, seed={seed}), scikit-learn's make_moons formula");
    }
}
