namespace FastNet.Diagnostics;

/// <summary>
/// Chooses the coordinates of each tensor a gradient check compares: all of them, or with
/// <see cref="GradientCheckOptions.SamplesPerTensor"/> a seeded sample without replacement (a partial Fisher–Yates
/// shuffle), in ascending order. The choices of all tensors are appended to one index array sized up front.
/// </summary>
internal sealed class CoordinateSampler
{
    private readonly int? _samples;
    private readonly int[] _permutation;
    private SeededRandom _random;
    private int _next;

    /// <param name="options">The sample size and seed.</param>
    /// <param name="lengths">The number of coordinates of every tensor that will be selected from.</param>
    public CoordinateSampler(GradientCheckOptions options, ReadOnlySpan<int> lengths)
    {
        _samples = options.SamplesPerTensor;
        _random = new SeededRandom(options.Seed);
        long capacity = 0;
        int sampled = 0;
        foreach (int length in lengths)
        {
            bool sample = _samples is { } s && s < length;
            capacity += sample ? _samples!.Value : length;
            if (sample) sampled = Math.Max(sampled, length);
        }
        _permutation = new int[sampled];
        Indices = new int[capacity];
    }

    /// <summary>The chosen coordinates of every tensor so far, tensor after tensor.</summary>
    public int[] Indices { get; }

    /// <summary>The length of <see cref="Indices"/>: every coordinate that will be chosen.</summary>
    public int Capacity => Indices.Length;

    /// <summary>Chooses coordinates of a tensor of <paramref name="length"/> and returns where they are in <see cref="Indices"/>.</summary>
    public (int Start, int Count) Select(int length)
    {
        int start = _next;
        if (_samples is not { } samples || samples >= length)
        {
            for (int i = 0; i < length; i++) Indices[_next++] = i;
            return (start, length);
        }
        Span<int> permutation = _permutation.AsSpan(0, length);
        for (int i = 0; i < length; i++) permutation[i] = i;
        for (int i = 0; i < samples; i++)
        {
            int j = i + _random.NextInt(length - i);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
        Span<int> chosen = Indices.AsSpan(start, samples);
        permutation.Slice(0, samples).CopyTo(chosen);
        chosen.Sort();
        _next += samples;
        return (start, samples);
    }
}
