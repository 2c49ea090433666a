namespace FastNet;

/// <summary>
/// A small, fast, seedable generator (SplitMix64) whose whole state is one <see cref="ulong"/>, so a training run can be
/// checkpointed and resumed bit-exactly. Each network and each training run owns its own; there is no global RNG.
/// </summary>
internal struct SeededRandom
{
    public ulong State;

    public SeededRandom(ulong seed) => State = seed;

    public ulong NextUInt64()
    {
        ulong z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, bound) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int bound)
    {
        uint range = (uint)bound;
        ulong product = (ulong)(uint)(NextUInt64() >> 32) * range;
        if ((uint)product < range)
        {
            uint threshold = (0u - range) % range;
            while ((uint)product < threshold)
                product = (ulong)(uint)(NextUInt64() >> 32) * range;
        }
        return (int)(product >> 32);
    }

    /// <summary>A standard normal sample (Box–Muller, one of the pair).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="permutation"/> with 0..n-1 in a uniformly random order (Fisher–Yates).</summary>
    public void Shuffle(Span<int> permutation)
    {
        for (int i = 0; i < permutation.Length; i++) permutation[i] = i;
        for (int i = permutation.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
    }
}
