using System.Runtime.Intrinsics;
using FastNet.Kernels;
using FastNet.Kernels.Activations;
using FastNet.Kernels.Vectors;
using FastNet.Losses;
using FastNet.Reference;
using FastNet.Tests.Support;

namespace FastNet.Tests.Kernels;

/// <summary>
/// The reductions on each width's path, called directly (Vector512 in software where the hardware lacks it): the bias
/// column sums, the fused backward with column sums and the squared-error loss pass, against the reference. Element-wise
/// results (dz) must have the scalar operator's bits; sums may differ by their summation order only.
/// </summary>
public class ReductionWidthTests
{
    public static TheoryData<int> Widths => new() { 16, 8, 4, 1 };

    [Theory, MemberData(nameof(Widths))]
    public void ColumnSumsMatchTheReferenceOnEveryWidth(int width)
    {
        foreach (int units in new[] { 1, 2, 3, 4, 5, 8, 16, 17 })
            for (int batch = 1; batch <= 40; batch++)
            {
                float[] dz = TestData.Uniform(batch * units, 31 * batch + units), expected = new float[units], db = TestData.Filled(units, float.NaN);
                ReferenceKernels.ColumnSums(dz, expected, batch, units, accumulate: false);
                ColumnSums(width, dz, db, batch, units);
                OracleCheck.Close($"width {width}, {batch}×{units}", expected, db, new OracleCheck.Tolerance(2 * (batch + 1) * Math.Pow(2, -24) * batch, 0));
            }
    }

    [Theory, MemberData(nameof(Widths))]
    public void WideRowBackwardWithColumnSumsMatchesTheReferenceOnEveryWidth(int width)
    {
        foreach (int units in new[] { 16, 17, 33 })
            foreach (int batch in new[] { 1, 5, 16 })
            {
                float[] a = TestData.Uniform(batch * units, batch + units), d = TestData.Uniform(batch * units, 7 * batch + units);
                float[] expected = (float[])d.Clone(), expectedDb = new float[units], db = TestData.Filled(units, float.NaN);
                ReferenceKernels.ActivationBackwardWithColumnSums(Activation.Sigmoid, a, expected, expectedDb, batch, units);
                BackwardRows(width, a, d, db, batch, units);
                Assert.Equal(expected, d);   // same products in the same order: exact
                Assert.Equal(expectedDb, db);   // rows added in order, as the reference does
            }
    }

    [Theory, MemberData(nameof(Widths))]
    public void SquaredErrorPassMatchesTheScalarFormulaOnEveryWidth(int width)
    {
        for (int length = 0; length <= 100; length++)
        {
            float[] a = TestData.Uniform(length, length + 1).Select(v => (v + 1) / 2).ToArray(), t = TestData.Uniform(length, length + 2);
            float[] dz = TestData.Filled(length, float.NaN);
            float sum = SquaredError(width, a, t, dz, 0.5f);
            double expectedSum = 0;
            for (int i = 0; i < length; i++)
            {
                float d = a[i] - t[i];
                expectedSum += (double)d * d;
                Assert.Equal(SigmoidOperator.Backward<float, ScalarWidth>(d * 0.5f, a[i]), dz[i]);
            }
            Assert.True(Math.Abs(sum - expectedSum) <= 2 * (length + 1) * Math.Pow(2, -24) * expectedSum + 1e-30, $"width {width}, length {length}: Σ {sum} vs {expectedSum}");
        }
    }

    private static void ColumnSums(int width, float[] dz, float[] db, int batch, int units)
    {
        switch (width)
        {
            case 16: BiasKernels.ColumnSums<Vector512<float>, Vector512Width>(dz, db, batch, units, false); break;
            case 8: BiasKernels.ColumnSums<Vector256<float>, Vector256Width>(dz, db, batch, units, false); break;
            case 4: BiasKernels.ColumnSums<Vector128<float>, Vector128Width>(dz, db, batch, units, false); break;
            default: BiasKernels.ColumnSums<float, ScalarWidth>(dz, db, batch, units, false); break;
        }
    }

    private static void BackwardRows(int width, float[] a, float[] d, float[] db, int batch, int units)
    {
        switch (width)
        {
            case 16: ActivationKernels.BackwardRowsWithColumnSums<SigmoidOperator, Vector512<float>, Vector512Width>(a, d, db, batch, units); break;
            case 8: ActivationKernels.BackwardRowsWithColumnSums<SigmoidOperator, Vector256<float>, Vector256Width>(a, d, db, batch, units); break;
            case 4: ActivationKernels.BackwardRowsWithColumnSums<SigmoidOperator, Vector128<float>, Vector128Width>(a, d, db, batch, units); break;
            default: ActivationKernels.BackwardRowsWithColumnSums<SigmoidOperator, float, ScalarWidth>(a, d, db, batch, units); break;
        }
    }

    private static float SquaredError(int width, float[] a, float[] t, float[] dz, float scale) => width switch
    {
        16 => Losses.SquaredError.SumAndGradient<SigmoidOperator, Vector512<float>, Vector512Width>(a, t, dz, scale),
        8 => Losses.SquaredError.SumAndGradient<SigmoidOperator, Vector256<float>, Vector256Width>(a, t, dz, scale),
        4 => Losses.SquaredError.SumAndGradient<SigmoidOperator, Vector128<float>, Vector128Width>(a, t, dz, scale),
        _ => Losses.SquaredError.SumAndGradient<SigmoidOperator, float, ScalarWidth>(a, t, dz, scale),
    };
}
