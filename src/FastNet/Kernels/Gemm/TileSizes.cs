namespace FastNet.Kernels;

/// <summary>A tile dimension as a type, so a kernel generic over it is specialised by the JIT for each size and only the accumulators the size uses exist.</summary>
internal interface ITileSize
{
    static abstract int Value { get; }
}

/// <summary>The tile dimensions the unpacked kernels use (<see cref="UnpackedGemm"/>, <see cref="NarrowGemm"/>).</summary>
internal static class TileSizes
{
    internal readonly struct T1 : ITileSize { public static int Value => 1; }
    internal readonly struct T2 : ITileSize { public static int Value => 2; }
    internal readonly struct T4 : ITileSize { public static int Value => 4; }
    internal readonly struct T8 : ITileSize { public static int Value => 8; }
}
