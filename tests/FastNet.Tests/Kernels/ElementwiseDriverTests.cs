using System.Runtime.Intrinsics;
using FastNet.Kernels;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The element-wise drivers on each width's path, called directly (so Vector512 runs in software where the hardware
/// lacks it, and Vector128 runs on an AVX2 machine too): every length 0..256, in place and out of place, destinations
/// filled with garbage, slices at odd offsets between guard elements, against the operators' scalar members bit for bit
/// (the overlapping last vector must neither skip nor corrupt an element).
/// </summary>
public class ElementwiseDriverTests
{
    public static TheoryData<int> Widths => new() { 16, 8, 4, 1 };

    [Theory, MemberData(nameof(Widths))]
    public void UnaryDriverMatchesTheScalarOperatorAtEveryLength(int width)
    {
        for (int length = 0; length <= 256; length++)
        {
            Unary<SigmoidOperator>(width, length);
            Unary<TanhOperator>(width, length);
            Unary<ReluOperator>(width, length);
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void BinaryDriverMatchesTheScalarOperatorAtEveryLength(int width)
    {
        for (int length = 0; length <= 256; length++)
        {
            Binary<ActivationBackward<SigmoidOperator>>(width, length);
            Binary<ActivationBackward<TanhOperator>>(width, length);
            Binary<ActivationBackward<ReluOperator>>(width, length);
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void SigmoidAndTanhKeepNaNAndTheEdgesOfTheirRangeOnEveryWidth(int width)
    {
        // the exponential's clamp and its 2ⁿ from bits take shortcuts valid only inside their range: NaN must stay NaN,
        // ±∞, ±0, the clamp's edge and subnormal results must give the scalar member's bits
        float[] x =
        [
            float.NaN, -float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 105f, -105f, 104.9f, -105.1f,
            87.5f, -87.5f, 103f, -103f, 1e-30f, -1e-30f, float.MaxValue, float.MinValue, 20f, -20f,
        ];
        foreach (bool tanh in new[] { false, true })
        {
            var r = new float[x.Length];
            var expected = new float[x.Length];
            for (int i = 0; i < x.Length; i++) expected[i] = tanh ? ScalarOf<TanhOperator>(x[i]) : ScalarOf<SigmoidOperator>(x[i]);
            if (tanh) RunUnary<TanhOperator>(width, x, r);
            else RunUnary<SigmoidOperator>(width, x, r);
            Assert.True(float.IsNaN(r[0]) && float.IsNaN(r[1]), $"{(tanh ? "tanh" : "sigmoid")} width {width}: NaN gave {r[0]}, {r[1]}");
            AssertBits($"{(tanh ? "tanh" : "sigmoid")} width {width} at the edges", expected, r);
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void FiniteCheckFindsABadValueAtTheEdgesOfEveryLength(int width)
    {
        for (int length = 0; length <= 256; length++)
        {
            float[] x = TestData.Uniform(length, length);
            Assert.True(AllFinite(width, x), $"width {width}, length {length}: clean");
            foreach (int at in new[] { 0, length / 2, length - 1 }.Where(i => i >= 0 && i < length).Distinct())
            {
                float kept = x[at];
                x[at] = at % 2 == 0 ? float.NaN : float.NegativeInfinity;
                Assert.False(AllFinite(width, x), $"width {width}, length {length}: bad value at {at}");
                x[at] = kept;
            }
        }
    }

    private static void Unary<TOp>(int width, int length) where TOp : struct, IUnaryOperator
    {
        var random = new SeededRandom((ulong)(1000 * width + length));
        GuardedBuffer x = new GuardedBuffer(length, 2 * (length % 5) + 1).Fill(ref random, 20);
        GuardedBuffer r = Garbage(length, 3, ref random);
        var expected = new float[length];
        for (int i = 0; i < length; i++) expected[i] = TOp.Invoke(x.Span[i]);

        RunUnary<TOp>(width, x.Span, r.Span);
        AssertBits($"{typeof(TOp).Name} width {width}, length {length}, out of place", expected, r.Span);
        GuardedBuffer inPlace = x.Copy();
        RunUnary<TOp>(width, inPlace.Span, inPlace.Span);
        AssertBits($"{typeof(TOp).Name} width {width}, length {length}, in place", expected, inPlace.Span);
        Assert.True(x.GuardsIntact() && r.GuardsIntact() && inPlace.GuardsIntact(), $"width {width}, length {length}: wrote outside the slice");
    }

    private static void Binary<TOp>(int width, int length) where TOp : struct, IBinaryOperator
    {
        var random = new SeededRandom((ulong)(7000 * width + length));
        GuardedBuffer x = new GuardedBuffer(length, 5).Fill(ref random, 3), y = new GuardedBuffer(length, 2 * (length % 3) + 1).Fill(ref random, 1);
        GuardedBuffer r = Garbage(length, 7, ref random);
        var expected = new float[length];
        for (int i = 0; i < length; i++) expected[i] = TOp.Invoke(x.Span[i], y.Span[i]);

        RunBinary<TOp>(width, x.Span, y.Span, r.Span);
        AssertBits($"{typeof(TOp).Name} width {width}, length {length}, out of place", expected, r.Span);
        GuardedBuffer inPlace = x.Copy();
        RunBinary<TOp>(width, inPlace.Span, y.Span, inPlace.Span);   // d = op(d, a), as the backward pass runs it
        AssertBits($"{typeof(TOp).Name} width {width}, length {length}, in place", expected, inPlace.Span);
        Assert.True(x.GuardsIntact() && y.GuardsIntact() && r.GuardsIntact() && inPlace.GuardsIntact(), $"width {width}, length {length}: wrote outside the slice");
    }

    private static float ScalarOf<TOp>(float x) where TOp : struct, IUnaryOperator => TOp.Invoke(x);

    // a destination of random bit patterns (NaNs, infinities, subnormals included)
    private static GuardedBuffer Garbage(int length, int offset, ref SeededRandom random)
    {
        var buffer = new GuardedBuffer(length, offset);
        foreach (ref float v in buffer.Span) v = BitConverter.Int32BitsToSingle((int)random.NextUInt64());
        return buffer;
    }

    private static void AssertBits(string what, float[] expected, Span<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: [{i}] expected {expected[i]:G9}, got {actual[i]:G9}");
    }

    private static void RunUnary<TOp>(int width, ReadOnlySpan<float> x, Span<float> r) where TOp : struct, IUnaryOperator
    {
        switch (width)
        {
            case 16: UnaryDriver.Run<TOp, Vector512<float>, Vector512Width>(x, r); break;
            case 8: UnaryDriver.Run<TOp, Vector256<float>, Vector256Width>(x, r); break;
            case 4: UnaryDriver.Run<TOp, Vector128<float>, Vector128Width>(x, r); break;
            default: UnaryDriver.Run<TOp, float, ScalarWidth>(x, r); break;
        }
    }

    private static void RunBinary<TOp>(int width, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r) where TOp : struct, IBinaryOperator
    {
        switch (width)
        {
            case 16: BinaryDriver.Run<TOp, Vector512<float>, Vector512Width>(x, y, r); break;
            case 8: BinaryDriver.Run<TOp, Vector256<float>, Vector256Width>(x, y, r); break;
            case 4: BinaryDriver.Run<TOp, Vector128<float>, Vector128Width>(x, y, r); break;
            default: BinaryDriver.Run<TOp, float, ScalarWidth>(x, y, r); break;
        }
    }

    private static bool AllFinite(int width, ReadOnlySpan<float> x) => width switch
    {
        16 => FiniteCheck.AllFinite<Vector512<float>, Vector512Width>(x),
        8 => FiniteCheck.AllFinite<Vector256<float>, Vector256Width>(x),
        4 => FiniteCheck.AllFinite<Vector128<float>, Vector128Width>(x),
        _ => FiniteCheck.AllFinite<float, ScalarWidth>(x),
    };
}
