namespace FastNet.Kernels;

/// <summary>
/// The per-element sequence a layer's sum z = Σₚ x(p)·W(p, j) + b(j) takes in <see cref="TinyInference"/>: the
/// sequence the existing product of that pass gives the element, so the lanes have its bits. Every multiply-add follows
/// <see cref="MultiplyAdd"/>'s rule (fused only where the hardware fuses).
/// </summary>
internal enum TinySum
{
    /// <summary>One multiply-add chain over p from zero, then + b when there is a bias (<see cref="SmallGemm"/>'s flat rows; <see cref="UnpackedGemm"/> without an epilogue).</summary>
    Chain,

    /// <summary>One chain, then + b, or + 0 without a bias (<see cref="UnpackedGemm"/>'s epilogue before an activation).</summary>
    ChainPlusBias,

    /// <summary>Four chains over p mod 4 (the last k mod 4 steps on the first), summed (s0 + s1) + (s2 + s3), then + b when there is a bias (<see cref="SmallGemm"/>'s row combinations).</summary>
    FourChains,
}
