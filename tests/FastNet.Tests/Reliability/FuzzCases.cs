using FsCheck;
using FsCheck.Fluent;

namespace FastNet.Tests.Reliability;

/// <summary>FsCheck generators for the fuzz suite: one to three mutations of one of the seed files.</summary>
public static class FuzzCases
{
    /// <summary>The number of seed files each generated case picks from.</summary>
    public const int Seeds = 4;

    // Byte-level damage almost always breaks the syntax, which the parser refuses up front; token-level and structural
    // damage more often leaves valid JSON with wrong content, which exercises the loaders' own checks. So the second
    // kind is drawn three times as often, and most cases apply a single mutation.
    private static readonly Gen<MutationKind> Kind = Gen.Frequency(
        (1, Gen.Elements(MutationKind.Truncate, MutationKind.FlipBit, MutationKind.SetByte, MutationKind.DeleteBytes, MutationKind.DuplicateBytes)),
        (3, Gen.Elements(MutationKind.InsertToken, MutationKind.ReplaceToken, MutationKind.SwapValue, MutationKind.TransplantValue,
            MutationKind.DeleteValue, MutationKind.DuplicateValue, MutationKind.Nest)));

    private static readonly Gen<JsonMutation> Mutation =
        from kind in Kind
        from place in Gen.Choose(0, int.MaxValue)
        from with in Gen.Choose(0, int.MaxValue)
        select new JsonMutation(kind, place, with);

    /// <summary>The arbitrary FsCheck draws every <see cref="FuzzCase"/> parameter from.</summary>
    public static Arbitrary<FuzzCase> Cases() =>
        (from seed in Gen.Choose(0, Seeds - 1)
         from count in Gen.Frequency((6, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
         from mutations in Mutation.ArrayOf(count)
         select new FuzzCase(seed, mutations)).ToArbitrary();
}
