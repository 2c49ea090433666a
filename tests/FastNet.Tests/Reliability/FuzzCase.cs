namespace FastNet.Tests.Reliability;

/// <summary>A valid file (by its index among the fuzz suite's seeds) and the mutations that damage it.</summary>
public sealed record FuzzCase(int Seed, JsonMutation[] Mutations)
{
    /// <inheritdoc/>
    public override string ToString() => $"seed file {Seed}: {string.Join(", ", Mutations)}";
}
