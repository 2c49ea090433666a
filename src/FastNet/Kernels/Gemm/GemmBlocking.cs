namespace FastNet.Kernels;

/// <summary>
/// The cache blocking of the GEMM loop nest for one micro-kernel tile, derived from the cache sizes the way BLIS's
/// analytical model reasons (Low et al., "Analytical modeling is enough for high-performance BLIS", 2016):
/// <list type="bullet">
/// <item>KC: the kc×NR micro-panel of b is reused by every MR-row panel of a, so it must stay in L1 — at most half of L1,
/// leaving the other half to the streaming a micro-panel and c (and a plus b at most three quarters of L1).</item>
/// <item>MC: the mc×kc block of a is reused by every NR-column panel of b, so it must stay in L2 — at most half of L2.</item>
/// <item>NC: the kc×nc block of b is reused by every MC-row block of a, so it stays in the last-level cache — at most
/// half of it.</item>
/// </list>
/// </summary>
/// <param name="MC">Rows of a packed per block (a multiple of MR).</param>
/// <param name="KC">Depth of a packed slice (a multiple of 8).</param>
/// <param name="NC">Columns of b packed per block (a multiple of NR).</param>
internal readonly record struct GemmBlocking(int MC, int KC, int NC)
{
    /// <summary>Upper bounds whatever the caches say: deeper slices or wider blocks gain nothing measurable and cost scratch.</summary>
    private const int MaxKC = 1024, MaxMC = 1024, MaxNC = 4096;

    /// <summary>The blocking for an MR×NR tile on caches of these sizes.</summary>
    public static GemmBlocking For(int mr, int nr, CacheSizes caches)
    {
        const int floatBytes = sizeof(float);
        long kc = Math.Min(caches.L1 / 2 / (floatBytes * nr), caches.L1 * 3 / 4 / (floatBytes * (mr + nr)));
        kc = Math.Clamp(kc / 8 * 8, 8, MaxKC);
        long mc = Math.Clamp(caches.L2 / 2 / (floatBytes * kc) / mr * mr, mr, MaxMC / mr * mr);
        long lastLevel = caches.L3 > 0 ? caches.L3 : caches.L2;
        long nc = Math.Clamp(lastLevel / 2 / (floatBytes * kc) / nr * nr, nr, MaxNC / nr * nr);
        return new GemmBlocking((int)mc, (int)kc, (int)nc);
    }

    /// <summary>"MC 252, KC 256, NC 4096".</summary>
    public override string ToString() => $"MC {MC}, KC {KC}, NC {NC}";
}
