namespace FastNet.Data;

/// <summary>Seeded generators of the classic toy datasets, following scikit-learn's formulas.</summary>
public static class SyntheticData
{
    /// <summary>
    /// scikit-learn's <c>make_moons</c>: ⌊n/2⌋ points on the upper half circle (cos t, sin t), label 0, and the rest on the
    /// lower one (1 − cos t, ½ − sin t), label 1, for t evenly spaced over [0, π]; Gaussian noise of standard deviation
    /// <paramref name="noise"/> on both coordinates; samples shuffled. The same seed gives the same data.
    /// </summary>
    public static Dataset Moons(int samples, double noise, RandomSeed seed)
    {
        if (samples < 2) throw OutOfRange("samples", $"moons needs at least 2 samples, not {samples}");
        if (samples > DatasetJson.MaxSamples) throw OutOfRange("samples", $"moons makes at most {DatasetJson.MaxSamples} samples, not {samples}");
        if (!(noise >= 0) || !double.IsFinite(noise)) throw OutOfRange("noise", $"the noise must be a finite number ≥ 0, not {noise}");
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

    /// <summary>
    /// scikit-learn's <c>make_circles</c>: ⌊n/2⌋ points on the unit circle (cos t, sin t), label 0, and the rest on the
    /// circle of radius <paramref name="factor"/>, label 1, for t evenly spaced over [0, 2π) (endpoint excluded) on each
    /// circle; Gaussian noise of standard deviation <paramref name="noise"/> on both coordinates; samples shuffled.
    /// </summary>
    public static Dataset Circles(int samples, double noise, double factor, RandomSeed seed)
    {
        CheckCommon("circles", samples, 2, noise);
        if (!(factor >= 0 && factor < 1)) throw OutOfRange("factor", $"the circles' factor must be in [0, 1), not {Invariant(factor)}");
        var random = new SeededRandom(seed);
        int outer = samples / 2, inner = samples - outer;
        var x = new double[samples * 2];
        var y = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            bool isOuter = i < outer;
            int j = isOuter ? i : i - outer;
            double t = 2 * Math.PI * j / (isOuter ? outer : inner);
            double radius = isOuter ? 1 : factor;
            x[2 * i] = radius * Math.Cos(t) + noise * random.NextGaussian();
            x[2 * i + 1] = radius * Math.Sin(t) + noise * random.NextGaussian();
            y[i] = isOuter ? 0 : 1;
        }
        return Shuffled(x, 2, y, ref random,
            $"FastNet circles(samples={samples}, noise={Invariant(noise)}, factor={Invariant(factor)}, seed={seed}), scikit-learn's make_circles formula");
    }

    /// <summary>
    /// scikit-learn's <c>make_blobs</c>: <paramref name="classes"/> centres drawn uniformly from the box (−10, 10) in
    /// <paramref name="features"/> dimensions, then n/classes points around each (the first n mod classes centres get one
    /// more), each coordinate the centre's plus Gaussian noise of standard deviation <paramref name="clusterStd"/>;
    /// the label is the centre's index; samples shuffled.
    /// </summary>
    public static Dataset Blobs(int samples, int classes, int features, double clusterStd, RandomSeed seed)
    {
        CheckCommon("blobs", samples, features, clusterStd);
        if (classes < 1 || classes > samples) throw OutOfRange("classes", $"blobs needs 1 to {samples} classes (centres), not {classes}");
        var random = new SeededRandom(seed);
        var centres = new double[classes * features];
        for (int i = 0; i < centres.Length; i++) centres[i] = -10 + 20 * random.NextDouble();
        var x = new double[(long)samples * features];
        var y = new int[samples];
        int row = 0;
        for (int c = 0; c < classes; c++)
        {
            int size = samples / classes + (c < samples % classes ? 1 : 0);
            for (int i = 0; i < size; i++, row++)
            {
                for (int f = 0; f < features; f++)
                    x[row * features + f] = centres[c * features + f] + clusterStd * random.NextGaussian();
                y[row] = c;
            }
        }
        return Shuffled(x, features, y, ref random,
            $"FastNet blobs(samples={samples}, classes={classes}, features={features}, std={Invariant(clusterStd)}, seed={seed}), scikit-learn's make_blobs formula");
    }

    /// <summary>
    /// The XOR problem: points (u, v) uniform in [−1, 1]², label 1 when u and v have different signs (u·v &lt; 0), else 0;
    /// Gaussian noise of standard deviation <paramref name="noise"/> is added to the coordinates after labelling.
    /// </summary>
    public static Dataset Xor(int samples, double noise, RandomSeed seed)
    {
        CheckCommon("xor", samples, 2, noise);
        var random = new SeededRandom(seed);
        var x = new double[samples * 2];
        var y = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            double u = 2 * random.NextDouble() - 1, v = 2 * random.NextDouble() - 1;
            y[i] = (u < 0) != (v < 0) ? 1 : 0;
            x[2 * i] = u + noise * random.NextGaussian();
            x[2 * i + 1] = v + noise * random.NextGaussian();
        }
        return Shuffled(x, 2, y, ref random, $"FastNet xor(samples={samples}, noise={Invariant(noise)}, seed={seed})");
    }

    /// <summary>
    /// Interleaved spirals, one arm per class: arm k has n/classes points (the first n mod classes arms one more), point j
    /// of m at radius r = (j + 1)/m and angle θ = 2πk/classes + 3π·r, that is r·(cos θ, sin θ), plus Gaussian noise of
    /// standard deviation <paramref name="noise"/> on both coordinates; samples shuffled.
    /// </summary>
    public static Dataset Spirals(int samples, int classes, double noise, RandomSeed seed)
    {
        CheckCommon("spirals", samples, 2, noise);
        if (classes < 2 || classes > samples) throw OutOfRange("classes", $"spirals needs 2 to {samples} classes (arms), not {classes}");
        var random = new SeededRandom(seed);
        var x = new double[samples * 2];
        var y = new int[samples];
        int row = 0;
        for (int k = 0; k < classes; k++)
        {
            int size = samples / classes + (k < samples % classes ? 1 : 0);
            for (int j = 0; j < size; j++, row++)
            {
                double r = (j + 1.0) / size;
                double theta = 2 * Math.PI * k / classes + SpiralTurn * r;
                x[2 * row] = r * Math.Cos(theta) + noise * random.NextGaussian();
                x[2 * row + 1] = r * Math.Sin(theta) + noise * random.NextGaussian();
                y[row] = k;
            }
        }
        return Shuffled(x, 2, y, ref random,
            $"FastNet spirals(samples={samples}, classes={classes}, noise={Invariant(noise)}, seed={seed})");
    }

    /// <summary>The angle a spiral arm turns through from its centre to its end: 3π (one and a half turns).</summary>
    public const double SpiralTurn = 3 * Math.PI;

    private static void CheckCommon(string name, int samples, int features, double noise)
    {
        if (samples < 2) throw OutOfRange("samples", $"{name} needs at least 2 samples, not {samples}");
        if (samples > DatasetJson.MaxSamples) throw OutOfRange("samples", $"{name}: {samples} samples are more than {DatasetJson.MaxSamples}");
        if (features < 1 || features > 1 << 16) throw OutOfRange("features", $"{name} needs 1 to 65536 features, not {features}");
        if ((long)samples * features > int.MaxValue / 2) throw OutOfRange("features", $"{name}: {samples} samples of {features} features are too many values");
        if (!(noise >= 0) || !double.IsFinite(noise)) throw OutOfRange("noise", $"the noise must be a finite number ≥ 0, not {Invariant(noise)}");
    }

    // a generator argument out of its range: the exception names the parameter (the CLI maps it to its option)
    private static ArgumentOutOfRangeException OutOfRange(string parameter, string message) => new(parameter, message);

    /// <summary>Puts the rows in a random order (the same permutation scheme as scikit-learn's shuffle, seeded) and makes the dataset.</summary>
    private static Dataset Shuffled(double[] x, int features, int[] y, ref SeededRandom random, string description)
    {
        int samples = y.Length;
        var order = new int[samples];
        random.Shuffle(order);
        var xs = new float[x.Length];
        var ys = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            int row = order[i];
            for (int f = 0; f < features; f++) xs[row * features + f] = (float)x[i * features + f];
            ys[row] = y[i];
        }
        return new Dataset(xs, features, labels: ys, description: description);
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

