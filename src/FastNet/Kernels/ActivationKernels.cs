using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastNet.Kernels.Activations;

namespace FastNet.Kernels;

/// <summary>Activation functions forward (z → a) and backward (da → dz, in place, from a).</summary>
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
    /// d (batch×units): da on entry, dz = da ⊙ f′ on return, with f′ computed from the activation a. Softmax has no
    /// element-wise derivative; its gradient comes from the cross-entropy loss directly.
    /// </summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> a, Span<float> d, int length)
    {
        a = a.Slice(0, length);
        d = d.Slice(0, length);
        switch (activation)
        {
            case Activation.Identity: break;
            case Activation.Sigmoid: BinaryDriver.Run<SigmoidBackward>(d, a, d); break;
            case Activation.Tanh: BinaryDriver.Run<TanhBackward>(d, a, d); break;
            case Activation.Relu: BinaryDriver.Run<ReluBackward>(d, a, d); break;
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
            case Activation.Sigmoid: BackwardWithColumnSums<SigmoidBackward>(a, d, db, batch, units); break;
            case Activation.Tanh: BackwardWithColumnSums<TanhBackward>(a, d, db, batch, units); break;
            case Activation.Relu: BackwardWithColumnSums<ReluBackward>(a, d, db, batch, units); break;
            default: throw new NotSupportedException($"{activation} has no element-wise derivative; it is only valid with its loss");
        }
    }

    // d (batch×units) = op(d, a); db (units) = Σ rows of d
    private static void BackwardWithColumnSums<TOp>(ReadOnlySpan<float> a, Span<float> d, Span<float> db, int batch, int units)
        where TOp : struct, IBinaryOperator
    {
        int length = batch * units;
        a = a.Slice(0, length);
        d = d.Slice(0, length);
        db = db.Slice(0, units);
        if (units < Vector512<float>.Count || !Vector512.IsHardwareAccelerated)
        {
            // narrow rows: one flat vectorised pass, then the column sums (themselves vectorised across rows)
            BinaryDriver.Run<TOp>(d, a, d);
            BiasKernels.ColumnSums(d, db, batch, units, accumulate: false);
            return;
        }
        db.Clear();
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float dr = ref MemoryMarshal.GetReference(d);
        ref float sr = ref MemoryMarshal.GetReference(db);
        int width = Vector512<float>.Count;
        for (int i = 0; i < batch; i++)
        {
            nuint row = (nuint)(i * units);
            int j = 0;
            for (; j <= units - width; j += width)
            {
                Vector512<float> dz = TOp.Invoke(Vector512.LoadUnsafe(ref dr, row + (nuint)j), Vector512.LoadUnsafe(ref ar, row + (nuint)j));
                dz.StoreUnsafe(ref dr, row + (nuint)j);
                (Vector512.LoadUnsafe(ref sr, (nuint)j) + dz).StoreUnsafe(ref sr, (nuint)j);
            }
            for (; j < units; j++)
            {
                float dz = TOp.Invoke(Unsafe.Add(ref dr, (nint)row + j), Unsafe.Add(ref ar, (nint)row + j));
                Unsafe.Add(ref dr, (nint)row + j) = dz;
                Unsafe.Add(ref sr, j) += dz;
            }
        }
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

    /// <summary>dz = da · a · (1 − a).</summary>
    internal readonly struct SigmoidBackward : IBinaryOperator
    {
        public static float Invoke(float da, float a) => da * (a * (1f - a));
        public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => da * (a * (Vector256<float>.One - a));
        public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => da * (a * (Vector512<float>.One - a));
    }

    /// <summary>dz = da · (1 − a²).</summary>
    internal readonly struct TanhBackward : IBinaryOperator
    {
        public static float Invoke(float da, float a) => da * (1f - a * a);
        public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => da * (Vector256<float>.One - a * a);
        public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => da * (Vector512<float>.One - a * a);
    }

    /// <summary>dz = da where a &gt; 0, else 0.</summary>
    internal readonly struct ReluBackward : IBinaryOperator
    {
        public static float Invoke(float da, float a) => a > 0f ? da : 0f;
        public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), da, Vector256<float>.Zero);
        public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), da, Vector512<float>.Zero);
    }

    /// <summary>dz = da.</summary>
    internal readonly struct IdentityBackward : IBinaryOperator
    {
        public static float Invoke(float da, float a) => da;
        public static Vector256<float> Invoke(Vector256<float> da, Vector256<float> a) => da;
        public static Vector512<float> Invoke(Vector512<float> da, Vector512<float> a) => da;
    }
}
