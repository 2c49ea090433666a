namespace FastNet.Kernels;

/// <summary>Which kernel paths this process runs (they follow the hardware and the DOTNET_Enable* settings).</summary>
public static class KernelInfo
{
    /// <summary>The instruction-set path of the matrix product: "Vector512", "Vector256" or "Scalar".</summary>
    public static string GemmPath { get; } = GemmIsaInfo.Best.ToString();
}
