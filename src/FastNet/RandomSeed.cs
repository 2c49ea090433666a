namespace FastNet;

/// <summary>
/// The seed of one of FastNet's generators (initial weights, shuffling, splits, synthetic data): an <see cref="int"/>,
/// <see cref="long"/> or <see cref="ulong"/> converts to one, so <c>WithSeed(42)</c>, <c>Seed = seed</c> with an int
/// variable and a ulong from a file all work. A non-negative int or long gives the same sequence as the equal ulong;
/// a negative one is taken as its two's-complement bits.
/// </summary>
/// <param name="Value">The 64 bits of the seed.</param>
public readonly record struct RandomSeed(ulong Value)
{
    /// <summary>An int seed.</summary>
    public static implicit operator RandomSeed(int seed) => new(unchecked((ulong)seed));

    /// <summary>A long seed.</summary>
    public static implicit operator RandomSeed(long seed) => new(unchecked((ulong)seed));

    /// <summary>A ulong seed.</summary>
    public static implicit operator RandomSeed(ulong seed) => new(seed);

    /// <summary>The 64 bits of the seed.</summary>
    public static implicit operator ulong(RandomSeed seed) => seed.Value;

    /// <summary>The seed as a decimal number.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
