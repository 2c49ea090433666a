using FastNet.Kernels;

namespace FastNet.Reference;

/// <summary>
/// Naive scalar versions of every kernel: the test oracle and the benchmark baseline. Written for obviousness, not
/// speed; shapes and contracts are those of the fast kernels they mirror.
/// </summary>
internal static class ReferenceKernels
{
    /// <summary>c (m×n) = a (m×k) · b (k×n), overwritten or accumulated.</summary>
    public static void GemmNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
    }

    /// <summary>c (m×n) = aᵀ · b with a (k×m) and b (k×n).</summary>
    public static void GemmTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[p * m + i] * b[p * n + j];
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
    }

    /// <summary>c (m×n) = a · bᵀ with a (m×k) and b (n×k).</summary>
    public static void GemmNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[j * k + p];
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
    }

    /// <summary>z (batch×units) += b (units) on every row.</summary>
    public static void AddBias(Span<float> z, ReadOnlySpan<float> b, int batch, int units)
    {
        for (int i = 0; i < batch; i++)
            for (int j = 0; j < units; j++) z[i * units + j] += b[j];
    }

    /// <summary>db (units) = Σ over rows of dz (batch×units), overwritten or accumulated.</summary>
    public static void ColumnSums(ReadOnlySpan<float> dz, Span<float> db, int batch, int units, bool accumulate)
    {
        for (int j = 0; j < units; j++)
        {
            float sum = 0;
            for (int i = 0; i < batch; i++) sum += dz[i * units + j];
            db[j] = accumulate ? db[j] + sum : sum;
        }
    }

    /// <summary>a (batch×units) = f(z); softmax per row.</summary>
    public static void ActivationForward(Activation activation, ReadOnlySpan<float> z, Span<float> a, int batch, int units)
    {
        if (activation == Activation.Softmax)
        {
            for (int i = 0; i < batch; i++)
            {
                float max = float.NegativeInfinity;
                for (int j = 0; j < units; j++) max = MathF.Max(max, z[i * units + j]);
                float sum = 0;
                for (int j = 0; j < units; j++) sum += a[i * units + j] = MathF.Exp(z[i * units + j] - max);
                for (int j = 0; j < units; j++) a[i * units + j] /= sum;
            }
            return;
        }
        for (int i = 0; i < batch * units; i++) a[i] = Apply(activation, z[i]);
    }

    /// <summary>f(z) for one element of an element-wise activation.</summary>
    public static float Apply(Activation activation, float z) => activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => 1f / (1f + MathF.Exp(-z)),
        Activation.Tanh => MathF.Tanh(z),
        Activation.Relu => z > 0f ? z : 0f,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not element-wise"),
    };

    /// <summary>d: da on entry, da ⊙ f′(a) on return (length elements).</summary>
    public static void ActivationBackward(Activation activation, ReadOnlySpan<float> a, Span<float> d, int length)
    {
        for (int i = 0; i < length; i++)
            d[i] *= activation switch
            {
                Activation.Identity => 1f,
                Activation.Sigmoid => a[i] * (1f - a[i]),
                Activation.Tanh => 1f - a[i] * a[i],
                Activation.Relu => a[i] > 0f ? 1f : 0f,
                _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not element-wise"),
            };
    }

    /// <summary>
    /// a (batch×units) = f(x (batch×inputs) · W (inputs×units) + b): the oracle of the fused forward GEMM
    /// (<see cref="Gemm.NNBiasActivation"/>); b may be empty, f must be element-wise.
    /// </summary>
    public static void DenseForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Activation activation, Span<float> a,
        int batch, int inputs, int units)
    {
        GemmNN(x, w, a, batch, inputs, units, accumulate: false);
        if (!b.IsEmpty) AddBias(a, b, batch, units);
        ActivationForward(activation, a, a, batch, units);
    }

    /// <summary>
    /// d (batch×units): da on entry, dz = da ⊙ f′(a) on return; db (units) = Σ rows of dz: the oracle of
    /// <see cref="ActivationKernels.BackwardWithColumnSums"/>.
    /// </summary>
    public static void ActivationBackwardWithColumnSums(Activation activation, ReadOnlySpan<float> a, Span<float> d, Span<float> db, int batch, int units)
    {
        ActivationBackward(activation, a, d, batch * units);
        ColumnSums(d, db, batch, units, accumulate: false);
    }
}
