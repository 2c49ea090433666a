using FastNet.Kernels;

namespace FastNet.Tests.Kernels;

public class GemmBlockingTests
{
    // (L1d, L2, L3) of machines the blocking must suit: no L3, small and large L1, large shared L2s
    public static TheoryData<long, long, long> Caches() => new()
    {
        { 32 << 10, 256 << 10, 0 },
        { 32 << 10, 512 << 10, 32 << 20 },
        { 48 << 10, 2 << 20, 105 << 20 },
        { 64 << 10, 1 << 20, 32 << 20 },
        { 128 << 10, 12 << 20, 0 },
        { 4 << 10, 4 << 10, 0 },
    };

    [Theory]
    [MemberData(nameof(Caches))]
    public void Blocks_fit_their_caches_and_the_tiles(long l1, long l2, long l3)
    {
        var caches = new CacheSizes(l1, l2, l3, "test");
        foreach (GemmKernel kernel in Enum.GetValues<GemmKernel>())
        {
            GemmKernelInfo info = GemmKernelInfo.Of(kernel);
            GemmBlocking blocking = GemmBlocking.For(info.MR, info.NR, caches);
            string label = $"{kernel} on {caches}: {blocking}";
            Assert.True(blocking.KC >= 8 && blocking.KC % 8 == 0, label);
            Assert.True(blocking.MC >= info.MR && blocking.MC % info.MR == 0, label);
            Assert.True(blocking.NC >= info.NR && blocking.NC % info.NR == 0, label);
            // b's micro-panel in half of L1, a's block in half of L2, wherever the caches are large enough to hold one tile
            if (blocking.KC > 8) Assert.True((long)blocking.KC * info.NR * sizeof(float) <= l1 / 2, label);
            if (blocking.MC > info.MR) Assert.True((long)blocking.MC * blocking.KC * sizeof(float) <= l2 / 2, label);
        }
    }

    [Fact]
    public void Larger_caches_never_give_smaller_blocks()
    {
        GemmBlocking small = GemmBlocking.For(6, 16, new CacheSizes(32 << 10, 256 << 10, 0, "test"));
        GemmBlocking large = GemmBlocking.For(6, 16, new CacheSizes(64 << 10, 2 << 20, 32 << 20, "test"));
        Assert.True(large.KC >= small.KC && large.MC >= small.MC && large.NC >= small.NC, $"{small} then {large}");
    }

    [Fact]
    public void This_machine_reports_plausible_caches()
    {
        CacheSizes machine = CacheSizes.Machine;
        Assert.True(machine.L1 >= 4 << 10 && machine.L2 >= machine.L1 && (machine.L3 == 0 || machine.L3 >= machine.L2), machine.ToString());
        Assert.Contains(machine.Source, new[] { "sysfs", "cpuid", "default" });
    }
}
