using FsCheck;
using FsCheck.Fluent;

namespace FastNet.Tests.Reliability;

/// <summary>FsCheck generators for the fuzz suite: one to three mutations of one of the seed files.</summary>
public static class FuzzCases
{
    /// <summary>The number of seed files each generated case picks from.</summary>
    public const int Seeds = 4;

    private static readonly Gen<JsonMutation> Mutation =
        from kind in Gen.Choose(0, Enum.GetValues<MutationKind>().Length - 1)
        from place in Gen.Choose(0, int.MaxValue)
        from with in Gen.Choose(0, int.MaxValue)
        select new JsonMutation((MutationKind)kind, place, with);

    /// <summary>The arbitrary FsCheck draws every <see cref="FuzzCase"/> parameter from.</summary>
    public static Arbitrary<FuzzCase> Cases() =>
        (from seed in Gen.Choose(0, Seeds - 1)
         from count in Gen.Choose(1, 3)
         from mutations in Mutation.ArrayOf(count)
         select new FuzzCase(seed, mutations)).ToArbitrary();
}
