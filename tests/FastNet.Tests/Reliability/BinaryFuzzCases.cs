using FsCheck;
using FsCheck.Fluent;

namespace FastNet.Tests.Reliability;

/// <summary>
/// FsCheck generators for binary files (ONNX protobuf): byte-level damage only — truncation, bit flips, any byte value,
/// deleted and repeated runs — one to three mutations of one of the seed files.
/// </summary>
public static class BinaryFuzzCases
{
    private static readonly Gen<JsonMutation> Mutation =
        from kind in Gen.Elements(MutationKind.Truncate, MutationKind.FlipBit, MutationKind.SetByte, MutationKind.DeleteBytes, MutationKind.DuplicateBytes)
        from place in Gen.Choose(0, int.MaxValue)
        from with in Gen.Choose(0, int.MaxValue)
        select new JsonMutation(kind, place, with);

    /// <summary>The arbitrary FsCheck draws every <see cref="FuzzCase"/> parameter from.</summary>
    public static Arbitrary<FuzzCase> Cases() =>
        (from seed in Gen.Choose(0, FuzzCases.Seeds - 1)
         from count in Gen.Frequency((6, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
         from mutations in Mutation.ArrayOf(count)
         select new FuzzCase(seed, mutations)).ToArbitrary();
}
