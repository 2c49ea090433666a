namespace FastNet.Kernels;

/// <summary>A tile dimension as a type, so a kernel generic over it is specialised by the JIT for each size and only the accumulators the size uses exist.</summary>
internal interface ITileSize
{
    static abstract int Value { get; }
}

/// <summary>
/// The tile dimensions the unpacked kernels (<see cref="UnpackedGemm"/>, <see cref="NarrowGemm"/>) and the packed GEMM's
/// edge rows (<see cref="GemmEdgeRows"/>: 1 to 7) use.
/// </summary>
internal static class TileSizes
{
    internal readonly struct T1 : ITileSize { public static int Value => 1; }
    internal readonly struct T2 : ITileSize { public static int Value => 2; }
    internal readonly struct T3 : ITileSize { public static int Value => 3; }
    internal readonly struct T4 : ITileSize { public static int Value => 4; }
    internal readonly struct T5 : ITileSize { public static int Value => 5; }
    internal readonly struct T6 : ITileSize { public static int Value => 6; }
    internal readonly struct T7 : ITileSize { public static int Value => 7; }
    internal readonly struct T8 : ITileSize { public static int Value => 8; }
}
