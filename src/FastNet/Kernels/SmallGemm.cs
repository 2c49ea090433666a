using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Activations;

namespace FastNet.Kernels;

/// <summary>
/// The direct path for products too small to repay packing (the seed's 100×2×4 and 100×4×1): no scratch, no tiles.
/// When a row of op(b) is contiguous (nn, tn, and nt with k = 1) each row of c is a sum of broadcast a(i, p) times rows
/// of b, in 16-, 8-, 4- and 1-wide column chunks; otherwise (nt) each element is a dot product along k. The activation
/// runs afterwards over the whole of c in one vectorised pass while it is still in L1.
/// </summary>
internal static unsafe class SmallGemm
{
    // c (m×n) = f(op(a) (m×k) · op(b) (k×n) [+ c] + bias)
    public static void Run(in GemmProblem problem)
    {
        if (problem.BColStride == 1) RowCombinations(problem, problem.B, problem.BRowStride);
        else if ((long)problem.K * problem.N <= TransposeLimit) TransposedRowCombinations(problem);
        else DotProducts(problem);
        if (problem.Activation != Activation.Identity) ApplyActivation(problem);
    }

    // c row i (n) = Σₚ a(i, p) · b row p (n) [+ c row i] + bias, with four partial sums along p so a long k (the
    // weight gradients' batch dimension) is not one serial chain of FMA latencies
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowCombinations(in GemmProblem problem, float* B, nint brs)
    {
        int m = problem.M, k = problem.K, n = problem.N;
        nint ars = problem.ARowStride, acs = problem.AColStride, ldc = problem.Ldc;
        float* A = problem.A, C = problem.C, bias = problem.Bias;
        bool load = problem.Accumulate;
        for (int i = 0; i < m; i++)
        {
            float* a = A + i * ars;
            float* c = C + i * ldc;
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j <= n - 16; j += 16)
                {
                    float* b = B + j;
                    Vector512<float> s0 = Vector512<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                    int p = 0;
                    for (; p <= k - 4; p += 4)
                    {
                        s0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[p * acs]), Vector512.Load(b + p * brs), s0);
                        s1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[(p + 1) * acs]), Vector512.Load(b + (p + 1) * brs), s1);
                        s2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[(p + 2) * acs]), Vector512.Load(b + (p + 2) * brs), s2);
                        s3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[(p + 3) * acs]), Vector512.Load(b + (p + 3) * brs), s3);
                    }
                    for (; p < k; p++) s0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[p * acs]), Vector512.Load(b + p * brs), s0);
                    Vector512<float> sum = (s0 + s1) + (s2 + s3);
                    if (load) sum += Vector512.Load(c + j);
                    if (bias != null) sum += Vector512.Load(bias + j);
                    sum.Store(c + j);
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                for (; j <= n - 8; j += 8)
                {
                    float* b = B + j;
                    Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                    int p = 0;
                    for (; p <= k - 4; p += 4)
                    {
                        s0 = Vector256.FusedMultiplyAdd(Vector256.Create(a[p * acs]), Vector256.Load(b + p * brs), s0);
                        s1 = Vector256.FusedMultiplyAdd(Vector256.Create(a[(p + 1) * acs]), Vector256.Load(b + (p + 1) * brs), s1);
                        s2 = Vector256.FusedMultiplyAdd(Vector256.Create(a[(p + 2) * acs]), Vector256.Load(b + (p + 2) * brs), s2);
                        s3 = Vector256.FusedMultiplyAdd(Vector256.Create(a[(p + 3) * acs]), Vector256.Load(b + (p + 3) * brs), s3);
                    }
                    for (; p < k; p++) s0 = Vector256.FusedMultiplyAdd(Vector256.Create(a[p * acs]), Vector256.Load(b + p * brs), s0);
                    Vector256<float> sum = (s0 + s1) + (s2 + s3);
                    if (load) sum += Vector256.Load(c + j);
                    if (bias != null) sum += Vector256.Load(bias + j);
                    sum.Store(c + j);
                }
            }
            if (Vector128.IsHardwareAccelerated)
            {
                for (; j <= n - 4; j += 4)
                {
                    float* b = B + j;
                    Vector128<float> s0 = Vector128<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                    int p = 0;
                    for (; p <= k - 4; p += 4)
                    {
                        s0 = Vector128.FusedMultiplyAdd(Vector128.Create(a[p * acs]), Vector128.Load(b + p * brs), s0);
                        s1 = Vector128.FusedMultiplyAdd(Vector128.Create(a[(p + 1) * acs]), Vector128.Load(b + (p + 1) * brs), s1);
                        s2 = Vector128.FusedMultiplyAdd(Vector128.Create(a[(p + 2) * acs]), Vector128.Load(b + (p + 2) * brs), s2);
                        s3 = Vector128.FusedMultiplyAdd(Vector128.Create(a[(p + 3) * acs]), Vector128.Load(b + (p + 3) * brs), s3);
                    }
                    for (; p < k; p++) s0 = Vector128.FusedMultiplyAdd(Vector128.Create(a[p * acs]), Vector128.Load(b + p * brs), s0);
                    Vector128<float> sum = (s0 + s1) + (s2 + s3);
                    if (load) sum += Vector128.Load(c + j);
                    if (bias != null) sum += Vector128.Load(bias + j);
                    sum.Store(c + j);
                }
            }
            for (; j < n; j++)
            {
                float* b = B + j;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                int p = 0;
                for (; p <= k - 4; p += 4)
                {
                    s0 = MathF.FusedMultiplyAdd(a[p * acs], b[p * brs], s0);
                    s1 = MathF.FusedMultiplyAdd(a[(p + 1) * acs], b[(p + 1) * brs], s1);
                    s2 = MathF.FusedMultiplyAdd(a[(p + 2) * acs], b[(p + 2) * brs], s2);
                    s3 = MathF.FusedMultiplyAdd(a[(p + 3) * acs], b[(p + 3) * brs], s3);
                }
                for (; p < k; p++) s0 = MathF.FusedMultiplyAdd(a[p * acs], b[p * brs], s0);
                float sum = (s0 + s1) + (s2 + s3);
                if (load) sum += c[j];
                if (bias != null) sum += bias[j];
                c[j] = sum;
            }
        }
    }

    /// <summary>The most floats of op(b) copied to the stack so that nt products can run as row combinations.</summary>
    private const int TransposeLimit = 4096;

    // op(b) (k×n) copied row-major to the stack (16 KiB at most), then row combinations
    private static void TransposedRowCombinations(in GemmProblem problem)
    {
        int k = problem.K, n = problem.N;
        float* b = stackalloc float[k * n];
        for (int p = 0; p < k; p++)
            for (int j = 0; j < n; j++) b[p * n + j] = problem.B[p * problem.BRowStride + j * problem.BColStride];
        RowCombinations(problem, b, n);
    }

    // c(i, j) = Σₚ a(i, p) · b(p, j) [+ c(i, j)] + bias(j), b(·, j) contiguous along p when BRowStride is 1
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotProducts(in GemmProblem problem)
    {
        int m = problem.M, k = problem.K, n = problem.N;
        nint ars = problem.ARowStride, acs = problem.AColStride, brs = problem.BRowStride, bcs = problem.BColStride;
        for (int i = 0; i < m; i++)
        {
            float* a = problem.A + i * ars;
            float* c = problem.C + i * problem.Ldc;
            for (int j = 0; j < n; j++)
            {
                float* b = problem.B + j * bcs;
                float sum = 0f;
                for (int p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(a[p * acs], b[p * brs], sum);
                if (problem.Accumulate) sum += c[j];
                if (problem.Bias != null) sum += problem.Bias[j];
                c[j] = sum;
            }
        }
    }

    // c (m×n) = f(c)
    private static void ApplyActivation(in GemmProblem problem)
    {
        int m = problem.M, n = problem.N;
        if (problem.Ldc == n)
        {
            Apply(problem.Activation, new Span<float>(problem.C, m * n));
            return;
        }
        for (int i = 0; i < m; i++) Apply(problem.Activation, new Span<float>(problem.C + i * problem.Ldc, n));
    }

    private static void Apply(Activation activation, Span<float> c)
    {
        switch (activation)
        {
            case Activation.Sigmoid: UnaryDriver.Run<SigmoidOperator>(c, c); break;
            case Activation.Tanh: UnaryDriver.Run<TanhOperator>(c, c); break;
            case Activation.Relu: UnaryDriver.Run<ReluOperator>(c, c); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "not element-wise");
        }
    }
}
