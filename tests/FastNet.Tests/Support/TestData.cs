using FastNet.Data;

namespace FastNet.Tests.Support;

/// <summary>The bundled seed dataset and small helpers to fill buffers.</summary>
internal static class TestData
{
    public static string MoonsPath => Path.Combine(AppContext.BaseDirectory, "data", "moons.json");

    public static Dataset Moons() => Dataset.Load(MoonsPath);

    /// <summary>The seed network: 2-4-1 sigmoid, sse, weights from seed 1 (the demo's), planned for the whole of <paramref name="data"/>.</summary>
    public static Network SeedNetwork(Dataset data) => new NetworkBuilder(inputs: 2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid)
        .WithLoss(Loss.Sse).WithSeed(1).WithMaxBatch(data.Count).Build();

    /// <summary>Uniform values in [-1, 1) from a fixed seed.</summary>
    public static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    public static float[] Filled(int length, float value)
    {
        var values = new float[length];
        Array.Fill(values, value);
        return values;
    }
}
