using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
        if (problem.BColStride == 1)
        {
            if (!FlatOuterProducts(problem)) FlatRows(problem);
        }
        else if ((long)problem.K * problem.N <= TransposeLimit) TransposedRowCombinations(problem);
        else DotProducts(problem);
        if (problem.Activation != Activation.Identity) ApplyActivation(problem);
    }

    // tn with m·n dividing 16 (the seed's weight gradients, 2×100×4 and 4×100×1): c (m×n) = Σₚ a row p (m) ⊗ b row p (n).
    // One Vector512 holds the outer products of 16 / (m·n) consecutive k steps, built from one load of a and one of b
    // by lane permutes; the lanes of each (i, j) are added at the end. Returns false for any other shape.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool FlatOuterProducts(in GemmProblem problem)
    {
        int m = problem.M, n = problem.N, k = problem.K, mn = m * n;
        if (!Avx512F.IsSupported || mn >= 16 || 16 % mn != 0 || problem.ARowStride != 1 || problem.AColStride != m || problem.BRowStride != n)
            return false;
        int steps = 16 / mn;
        // lane = (step·m + i)·n + j takes a[step·m + i] and b[step·n + j]; counters instead of divisions
        int* aLanes = stackalloc int[16];
        int* bLanes = stackalloc int[16];
        for (int step = 0, lane = 0; step < steps; step++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++, lane++)
                {
                    aLanes[lane] = step * m + i;
                    bLanes[lane] = step * n + j;
                }
        Vector512<int> aIndex = Vector512.Load(aLanes), bIndex = Vector512.Load(bLanes);
        float* a = problem.A, b = problem.B;
        Vector512<float> sum = Vector512<float>.Zero;
        int p = 0, aLoads = k - 16 / m, bLoads = k - 16 / n;   // a 16-float load at step p stays inside a (b) up to here
        for (; p + steps <= k && p <= aLoads && p <= bLoads; p += steps)
            sum = Vector512.FusedMultiplyAdd(Avx512F.PermuteVar16x32(Vector512.Load(a + p * m), aIndex),
                Avx512F.PermuteVar16x32(Vector512.Load(b + p * n), bIndex), sum);
        float* sums = stackalloc float[16];
        sum.Store(sums);
        for (int i = 0; i < m; i++)
        {
            float* c = problem.C + i * problem.Ldc;
            for (int j = 0; j < n; j++)
            {
                float v = 0f;
                for (int step = 0; step < steps; step++) v += sums[step * mn + i * n + j];
                for (int q = p; q < k; q++) v = MultiplyAdd.Scalar(a[q * m + i], b[q * n + j], v);
                if (problem.Accumulate) v += c[j];
                if (problem.Bias != null) v += problem.Bias[j];
                c[j] = v;
            }
        }
        return true;
    }

    // nn (and nt with k = 1) with n dividing 16, k ≤ n and c contiguous (the seed's 100×2×4 forward and 100×1×4 input
    // gradient): one Vector512 of c covers 16 / n whole rows; its a values are lane permutes of one load of those rows
    // and its b values one tiled row of b per k step, so a row costs a fraction of a vector operation. Leftover rows
    // and every other shape take the row combinations.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FlatRows(in GemmProblem problem)
    {
        int m = problem.M, n = problem.N, k = problem.K;
        int done = 0;
        int flat = problem.AColStride == 1 && problem.ARowStride == k && problem.Ldc == n && problem.BRowStride == n ? FlatRowCount(m, k, n) : 0;
        if (flat > 0)
        {
            int rows = 16 / n;
            // lane = r·n + j of tile p holds b(p, j); of index p, the position of a(r, p) in the loaded rows
            float* tiles = stackalloc float[16 * k + 16];
            int* indices = stackalloc int[16 * k];
            float* bias = tiles + 16 * k;
            for (int r = 0, lane = 0; r < rows; r++)
                for (int j = 0; j < n; j++, lane++)
                {
                    for (int p = 0; p < k; p++)
                    {
                        tiles[p * 16 + lane] = problem.B[p * n + j];
                        indices[p * 16 + lane] = r * k + p;
                    }
                    bias[lane] = problem.Bias == null ? 0f : problem.Bias[j];
                }
            float* a = problem.A, c = problem.C;
            for (; done < flat; done += rows)
            {
                Vector512<float> rowsOfA = Vector512.Load(a + done * k);
                Vector512<float> sum = Vector512<float>.Zero;
                for (int p = 0; p < k; p++)
                    sum = Vector512.FusedMultiplyAdd(Avx512F.PermuteVar16x32(rowsOfA, Vector512.Load(indices + p * 16)), Vector512.Load(tiles + p * 16), sum);
                if (problem.Accumulate) sum += Vector512.Load(c + done * n);
                if (problem.Bias != null) sum += Vector512.Load(bias);
                sum.Store(c + done * n);
            }
        }
        if (done == m) return;
        GemmProblem rest = problem;
        rest.M = m - done;
        rest.A = problem.A + done * problem.ARowStride;
        rest.C = problem.C + done * problem.Ldc;
        RowCombinations(rest, rest.B, rest.BRowStride);
    }

    /// <summary>
    /// How many leading rows of a contiguous nn product (m×k times k×n) take the flat Vector512 rows: each of their
    /// elements is one fused multiply-add chain over p from zero, then + bias (no partial sums). The rows after them take
    /// <see cref="RowCombinations"/>. 0 without AVX-512 or for another shape.
    /// </summary>
    internal static int FlatRowCount(int m, int k, int n) => Avx512F.IsSupported ? FlatRows(m, k, n) : 0;

    /// <summary><see cref="FlatRowCount"/> on a machine with AVX-512 (any machine computes it; tests check it on every one).</summary>
    internal static int FlatRows(int m, int k, int n)
    {
        if (n >= 16 || 16 % n != 0 || k > n || k * n > 16) return 0;
        // blocks of 16 / n rows while a block fits and a vector load of a from its first row (16 floats from row
        // `done`) stays inside a: the first multiple of 16 / n past min(m − 16 / n, ⌊(m·k − 16) / k⌋)
        int rows = 16 / n;
        long elements = (long)m * k;
        if (elements < 16) return 0;
        long last = Math.Min(m - rows, (elements - 16) / k);
        return last < 0 ? 0 : (int)((last / rows + 1) * rows);
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
                        s0 = MultiplyAdd.Vector(Vector128.Create(a[p * acs]), Vector128.Load(b + p * brs), s0);
                        s1 = MultiplyAdd.Vector(Vector128.Create(a[(p + 1) * acs]), Vector128.Load(b + (p + 1) * brs), s1);
                        s2 = MultiplyAdd.Vector(Vector128.Create(a[(p + 2) * acs]), Vector128.Load(b + (p + 2) * brs), s2);
                        s3 = MultiplyAdd.Vector(Vector128.Create(a[(p + 3) * acs]), Vector128.Load(b + (p + 3) * brs), s3);
                    }
                    for (; p < k; p++) s0 = MultiplyAdd.Vector(Vector128.Create(a[p * acs]), Vector128.Load(b + p * brs), s0);
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
                    s0 = MultiplyAdd.Scalar(a[p * acs], b[p * brs], s0);
                    s1 = MultiplyAdd.Scalar(a[(p + 1) * acs], b[(p + 1) * brs], s1);
                    s2 = MultiplyAdd.Scalar(a[(p + 2) * acs], b[(p + 2) * brs], s2);
                    s3 = MultiplyAdd.Scalar(a[(p + 3) * acs], b[(p + 3) * brs], s3);
                }
                for (; p < k; p++) s0 = MultiplyAdd.Scalar(a[p * acs], b[p * brs], s0);
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
                for (int p = 0; p < k; p++) sum = MultiplyAdd.Scalar(a[p * acs], b[p * brs], sum);
                if (problem.Accumulate) sum += c[j];
                if (problem.Bias != null) sum += problem.Bias[j];
                c[j] = sum;
            }
        }
    }

    // c (m×n) = f(c)
    internal static void ApplyActivation(in GemmProblem problem)
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
