using FastNet.Data;

namespace FastNet.Tests.Support;

/// <summary>The bundled seed dataset and small helpers to fill buffers.</summary>
internal static class TestData
{
    public static string MoonsPath => Path.Combine(AppContext.BaseDirectory, "data", "moons.json");

    public static Dataset Moons() => Dataset.Load(MoonsPath);

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
