using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace FastNet.Tests.Support;

/// <summary>
/// The one comparison helper, in the spirit of tinygrad's helper_test_op: the same computation run through an oracle
/// (naive double-precision code) and through FastNet, values and gradients compared with separate tolerances. An
/// element passes when |actual − expected| ≤ absolute + relative·|expected|; on failure the message names the largest
/// difference (index, both values, the difference and what was allowed) so a failing property says where it broke.
/// </summary>
internal static class OracleCheck
{
    /// <summary>Tolerance |actual − expected| ≤ Absolute + Relative·|expected|.</summary>
    public readonly record struct Tolerance(double Absolute, double Relative)
    {
        public double Allowed(double expected) => Absolute + Relative * Math.Abs(expected);
    }

    /// <summary>Compares a value and a gradient, each with its own tolerance.</summary>
    public static void ValueAndGradient(string what,
        ReadOnlySpan<double> expectedValue, ReadOnlySpan<float> actualValue, Tolerance valueTolerance,
        ReadOnlySpan<double> expectedGradient, ReadOnlySpan<float> actualGradient, Tolerance gradientTolerance)
    {
        string? valueFailure = Difference(expectedValue, Widen(actualValue), valueTolerance);
        string? gradientFailure = Difference(expectedGradient, Widen(actualGradient), gradientTolerance);
        if (valueFailure is null && gradientFailure is null) return;
        var message = new StringBuilder(what);
        if (valueFailure is not null) message.Append("\n  value: ").Append(valueFailure);
        if (gradientFailure is not null) message.Append("\n  gradient: ").Append(gradientFailure);
        throw new XunitException(message.ToString());
    }

    /// <summary>Compares one tensor (a kernel's output against its reference, say).</summary>
    public static void Close(string what, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, Tolerance tolerance)
    {
        if (Difference(expected, actual, tolerance) is { } failure) throw new XunitException(what + ": " + failure);
    }

    /// <inheritdoc cref="Close(string, ReadOnlySpan{double}, ReadOnlySpan{double}, Tolerance)"/>
    public static void Close(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance) =>
        Close(what, Widen(expected), Widen(actual), tolerance);

    public static double[] Widen(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    // null when every element is within tolerance, else a description of the largest violation and the largest difference
    private static string? Difference(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, Tolerance tolerance)
    {
        if (expected.Length != actual.Length) return $"lengths differ: expected {expected.Length}, actual {actual.Length}";
        int worst = -1, largest = -1;
        double worstRatio = 0, largestDifference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(actual[i] - expected[i]);
            bool nan = double.IsNaN(difference) && !(double.IsNaN(actual[i]) && double.IsNaN(expected[i]));
            double ratio = nan ? double.PositiveInfinity : difference == 0 || double.IsNaN(difference) ? 0 : difference / tolerance.Allowed(expected[i]);
            if (ratio > 1 && ratio > worstRatio) (worst, worstRatio) = (i, ratio);
            if (nan || difference > largestDifference) (largest, largestDifference) = (i, nan ? double.PositiveInfinity : difference);
        }
        if (worst < 0) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{worst}] expected {expected[worst]:G9}, actual {actual[worst]:G9}, difference {Math.Abs(actual[worst] - expected[worst]):G3} > allowed {tolerance.Allowed(expected[worst]):G3}; " +
            $"largest difference [{largest}] expected {expected[largest]:G9}, actual {actual[largest]:G9} ({largestDifference:G3}) of {expected.Length} elements");
    }
}
