using FastNet.Kernels;

namespace FastNet.Model;

/// <summary>
/// One dense layer frozen for inference, its weights laid out once in the forms the kernels read: W row-major padded to
/// whole vectors (<see cref="UnpackedGemm"/>: one or a few rows, or few inputs), Wᵀ (<see cref="NarrowGemm"/>: at most
/// <see cref="NarrowGemm.MaxColumns"/> outputs, the path a training network's layer takes too), W packed into the
/// micro-kernel's panels (<see cref="GemmPackedB"/>: every other product) and W as it is (the direct path of tiny
/// products). Every path computes each element with the same sequence, except the direct path, which
/// <see cref="Gemm"/> takes by size exactly as a training network's layer does; so a layer's output has the bits
/// <see cref="DenseLayer.Forward(LayerSpec, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, int, Span{float}, int, bool)"/>
/// gives it on the same batch.
/// </summary>
internal sealed unsafe class PackedDenseLayer
{
    /// <summary>Products of at most this many rows read W unpacked (a GEMV: W streamed once, not packed).</summary>
    public const int UnpackedMaxRows = 4;

    /// <summary>Products with at most this many inputs or outputs read W unpacked at any batch.</summary>
    public const int UnpackedMaxWidth = 16;

    private readonly float[] _padded;   // W (inputs × PaddedColumns(units)), columns past units zero; empty on the narrow path
    private readonly float[] _bias;     // b padded like W's rows, or empty
    private readonly float[] _plain;    // W (inputs×units) for the direct path and TinyInference, empty when no batch is small enough
    private readonly float[] _transposed;   // Wᵀ (units×inputs) for the narrow path (units ≤ NarrowGemm.MaxColumns), else empty
    private readonly GemmPackedB? _packed;
    private readonly int _ldb;
    private readonly int _sliceDepth;   // the packed GEMM's k slices for this layer's shape

    public PackedDenseLayer(LayerSpec spec, int inputs, ReadOnlySpan<float> w, ReadOnlySpan<float> b)
    {
        Spec = spec;
        Inputs = inputs;
        int n = spec.Units;
        _ldb = UnpackedGemm.PaddedColumns(n);
        _sliceDepth = UnpackedGemm.SliceDepth(inputs, n);
        _padded = n > NarrowGemm.MaxColumns ? GC.AllocateArray<float>(checked(inputs * _ldb), pinned: true) : [];
        if (_padded.Length > 0)
            for (int p = 0; p < inputs; p++) w.Slice(p * n, n).CopyTo(_padded.AsSpan(p * _ldb));
        _bias = spec.Bias ? GC.AllocateArray<float>(_ldb, pinned: true) : [];
        if (spec.Bias) b.Slice(0, n).CopyTo(_bias);
        _plain = (long)inputs * n <= Gemm.SmallMaxWork ? GC.AllocateArray<float>(inputs * n, pinned: true) : [];
        w.Slice(0, _plain.Length).CopyTo(_plain);
        _transposed = n <= NarrowGemm.MaxColumns ? GC.AllocateArray<float>(checked(n * inputs), pinned: true) : [];
        if (_transposed.Length > 0)
            fixed (float* pw = w, pwt = _transposed) NarrowGemm.Transpose(pw, n, 1, inputs, n, pwt);
        if (inputs > UnpackedMaxWidth && n > UnpackedMaxWidth) _packed = new GemmPackedB(GemmKernelInfo.Choose(GemmIsaInfo.Best, n), w, inputs, n);
    }

    public LayerSpec Spec { get; }
    public int Inputs { get; }
    public int Units => Spec.Units;

    /// <summary>
    /// This layer for <see cref="TinyInference"/>: W and b as they are (pinned, so the pointers stay valid), with the
    /// activation the lanes apply and the sum's sequence. Only for layers whose W fits the direct path.
    /// </summary>
    public TinyLayer Tiny(Activation activation, TinySum sum)
    {
        if (_plain.Length == 0) throw new InvalidOperationException($"a {Inputs}×{Units} layer is too large for the tiny path");
        fixed (float* w = _plain, b = _bias)
            return new TinyLayer { W = w, Bias = _bias.Length == 0 ? null : b, K = Inputs, N = Units, Activation = activation, Sum = sum };
    }

    /// <summary>Floats of scratch <see cref="Forward"/> needs for up to <paramref name="rows"/> rows.</summary>
    public long ScratchLength(int rows) => _packed is null ? 0 : Gemm.PartScratchLength(_packed.Kernel, rows, Inputs, Units);

    /// <summary>
    /// True when a training network's layer takes the direct path (<see cref="Gemm.SmallMaxWork"/>) for a pass of
    /// <paramref name="passRows"/> rows; that path sums in another order, so such passes must be computed as the network does.
    /// </summary>
    public bool IsSmall(int passRows) => (long)passRows * Inputs * Units <= Gemm.SmallMaxWork;

    /// <summary>
    /// c (m×units) = f(x (m×inputs) · W + b), f element-wise (identity to keep z). With <paramref name="small"/> the
    /// direct path (<see cref="IsSmall"/>: the rows must be one whole pass of the network's), else the unpacked or the
    /// pre-packed product, chosen by m: they give every element the same bits, so rows may be grouped in any way.
    /// </summary>
    public void Forward(ReadOnlySpan<float> x, int m, bool small, Activation f, Span<float> c, Span<float> scratch)
    {
        int k = Inputs, n = Units;
        if (small)
        {
            Gemm.Run(GemmIsaInfo.Best, GemmForm.NN, x, _plain, c, m, k, n, accumulate: false, _bias.AsSpan(0, _bias.Length == 0 ? 0 : n), f,
                scratch, threads: 1, small: true);
            return;
        }
        if (_packed is not null && m > UnpackedMaxRows)
        {
            Gemm.RunPrepacked(_packed, x, _bias.AsSpan(0, _bias.Length == 0 ? 0 : n), f, c, m, scratch);
            return;
        }
        Gemm.CheckShapes(x.Length, (long)m * k, int.MaxValue, 0, c.Length, (long)m * n);
        if (_transposed.Length > 0)
        {
            fixed (float* px = x, pwt = _transposed, pb = _bias, pc = c)
                NarrowGemm.RunTransposedB(NarrowGemm.Lanes(GemmIsaInfo.Best), px, k, pwt, k, pc, n, m, k, n, _bias.Length == 0 ? null : pb, f);
            return;
        }
        fixed (float* px = x, pw = _padded, pb = _bias, pc = c)
            UnpackedGemm.Run(UnpackedGemm.BestLanes, px, k, pw, _ldb, pc, n, m, k, n, _bias.Length == 0 ? null : pb, f, _sliceDepth);
    }
}
