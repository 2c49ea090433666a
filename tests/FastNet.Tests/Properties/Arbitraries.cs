using FsCheck;
using FsCheck.Fluent;

namespace FastNet.Tests.Properties;

/// <summary>The arbitraries of the property suite, for <c>[Property(Arbitrary = [typeof(Arbitraries)])]</c>.</summary>
public static class Arbitraries
{
    public static Arbitrary<NetworkCase> NetworkCases() => Arb.From(NetworkCase.Generator);
}
