using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;

namespace FastNet.Kernels;

/// <summary>Activation functions forward (z → a) and backward (da → dz, in place, from a), per <see cref="Activation"/>; the math is in each activation's operator struct.</summary>
internal static class ActivationKernels
{
    /// <summary>a (batch×units) = f(z (batch×units)); softmax is taken per row.</summary>
    public static void Forward(Activation activation, ReadOnlySpan<float> z, Span<float> a, int batch, int units)
    {
        int length = batch * units;
        z = z.Slice(0, length);
        a = a.Slice(0, length);
        switch (activation)
        {
            case Activation.Identity: z.CopyTo(a); break;
            case Activation.Sigmoid: UnaryDriver.Run<SigmoidOperator>(z, a); break;
            case Activation.Tanh: UnaryDriver.Run<TanhOperator>(z, a); break;
            case Activation.Relu: UnaryDriver.Run<ReluOperator>(z, a); break;
            case Activation.Softmax:
                for (int i = 0; i < batch; i++) SoftmaxRow(z.Slice(i * units, units), a.Slice(i * units, units));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    /// <summary>
    /// d (batch×units): da on entry, dz = da ⊙ f′ on return, with f′ computed from the activation a (each activation's
    /// <see cref="IActivationOperator{TSelf}.Backward"/>). Softmax has no element-wise derivative; its gradient
    /// comes from the cross-entropy loss directly.
    /// </summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> a, Span<float> d, int length)
    {
        a = a.Slice(0, length);
        d = d.Slice(0, length);
        switch (activation)
        {
            case Activation.Identity: break;
            case Activation.Sigmoid: BinaryDriver.Run<ActivationBackward<SigmoidOperator>>(d, a, d); break;
            case Activation.Tanh: BinaryDriver.Run<ActivationBackward<TanhOperator>>(d, a, d); break;
            case Activation.Relu: BinaryDriver.Run<ActivationBackward<ReluOperator>>(d, a, d); break;
            default: throw new NotSupportedException($"{activation} has no element-wise derivative; it is only valid with its loss");
        }
    }

    /// <summary>
    /// d (batch×units): da on entry, dz = da ⊙ f′(a) on return; and db (units) = Σ over rows of dz, in the same pass over d.
    /// The fused backward of a hidden layer with bias: dz is read once for its own update and the bias gradient.
    /// </summary>
    public static void BackwardWithColumnSums(Activation activation, ReadOnlySpan<float> a, Span<float> d, Span<float> db, int batch, int units)
    {
        switch (activation)
        {
            case Activation.Identity: BiasKernels.ColumnSums(d, db, batch, units, accumulate: false); break;
            case Activation.Sigmoid: BackwardWithColumnSums<SigmoidOperator>(a, d, db, batch, units); break;
            case Activation.Tanh: BackwardWithColumnSums<TanhOperator>(a, d, db, batch, units); break;
            case Activation.Relu: BackwardWithColumnSums<ReluOperator>(a, d, db, batch, units); break;
            default: throw new NotSupportedException($"{activation} has no element-wise derivative; it is only valid with its loss");
        }
    }

    // d (batch×units) = f′ applied to d and a; db (units) = Σ rows of d
    private static void BackwardWithColumnSums<TAct>(ReadOnlySpan<float> a, Span<float> d, Span<float> db, int batch, int units)
        where TAct : struct, IActivationOperator<TAct>
    {
        int length = batch * units;
        a = a.Slice(0, length);
        d = d.Slice(0, length);
        db = db.Slice(0, units);
        if (units < VectorDispatch.WidestCount)
        {
            // narrow rows: one flat vectorised pass, then the column sums (themselves vectorised across rows)
            BinaryDriver.Run<ActivationBackward<TAct>>(d, a, d);
            BiasKernels.ColumnSums(d, db, batch, units, accumulate: false);
            return;
        }
        var kernel = new RowsKernel<TAct>(a, d, db, batch, units);
        VectorDispatch.Run(ref kernel, units);
    }

    /// <summary>Wide rows (units ≥ one vector) on one width: per row, dz = f′(d, a) a vector at a time, added into db as it is stored.</summary>
    internal static void BackwardRowsWithColumnSums<TAct, TVec, TW>(ReadOnlySpan<float> a, Span<float> d, Span<float> db, int batch, int units)
        where TAct : struct, IActivationOperator<TAct> where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        db.Clear();
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float dr = ref MemoryMarshal.GetReference(d);
        ref float sr = ref MemoryMarshal.GetReference(db);
        for (int i = 0; i < batch; i++)
        {
            ref float aRow = ref Unsafe.Add(ref ar, i * units);
            ref float dRow = ref Unsafe.Add(ref dr, i * units);
            int j = BackwardRow<TAct, TVec, TW>(ref aRow, ref dRow, ref sr, 0, units);
            BackwardRow<TAct, float, ScalarWidth>(ref aRow, ref dRow, ref sr, j, units);
        }
    }

    // dz (whole vectors from start) = op(d, a), stored into d and added into db; returns where it stopped
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BackwardRow<TAct, TVec, TW>(ref float a, ref float d, ref float db, int start, int units)
        where TAct : struct, IActivationOperator<TAct> where TVec : struct where TW : struct, IVectorWidth<TVec>
    {
        int j = start;
        for (; j <= units - TW.Count; j += TW.Count)
        {
            TVec dz = TW.Binary<ActivationBackward<TAct>>(TW.Load(ref d, (nuint)j), TW.Load(ref a, (nuint)j));
            TW.Store(dz, ref d, (nuint)j);
            TW.Store(TW.Add(TW.Load(ref db, (nuint)j), dz), ref db, (nuint)j);
        }
        return j;
    }

    /// <summary>a (units) = softmax(z (units)), shifted by the row maximum so no exponent overflows.</summary>
    private static void SoftmaxRow(ReadOnlySpan<float> z, Span<float> a)
    {
        float max = TensorPrimitives.Max(z);
        TensorPrimitives.Subtract(z, max, a);
        TensorPrimitives.Exp(a, a);
        float sum = TensorPrimitives.Sum(a);
        TensorPrimitives.Multiply(a, 1f / sum, a);
    }

    private readonly ref struct RowsKernel<TAct>(ReadOnlySpan<float> a, Span<float> d, Span<float> db, int batch, int units) : IVectorKernel
        where TAct : struct, IActivationOperator<TAct>
    {
        private readonly ReadOnlySpan<float> _a = a;
        private readonly Span<float> _d = d, _db = db;

        public void Run<TVec, TW>() where TVec : struct where TW : struct, IVectorWidth<TVec> =>
            BackwardRowsWithColumnSums<TAct, TVec, TW>(_a, _d, _db, batch, units);
    }
}
