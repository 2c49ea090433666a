namespace FastNet.Diagnostics;

/// <summary>The analytic and numeric gradient at one coordinate of a tensor, and how far apart they are.</summary>
/// <param name="Index">The flat (row-major) index in the tensor; −1 when no coordinate was checked.</param>
/// <param name="Analytic">The gradient from the backward pass (or the caller).</param>
/// <param name="Numeric">The central difference of the loss in double precision.</param>
/// <param name="Tolerance">The error allowed here (see <see cref="GradientCheckOptions"/>).</param>
public readonly record struct GradientDifference(int Index, double Analytic, double Numeric, double Tolerance)
{
    /// <summary>|analytic − numeric|.</summary>
    public double AbsoluteError => Math.Abs(Analytic - Numeric);

    /// <summary>|analytic − numeric| / max(|analytic|, |numeric|); 0 when both are 0.</summary>
    public double RelativeError
    {
        get
        {
            double scale = Math.Max(Math.Abs(Analytic), Math.Abs(Numeric));
            return scale == 0 ? 0 : AbsoluteError / scale;
        }
    }

    /// <summary>Whether the error is within <see cref="Tolerance"/>.</summary>
    public bool Passed => AbsoluteError <= Tolerance;

    /// <summary>The error as a multiple of the tolerance (above 1 fails; infinite when the tolerance is 0 and the error is not).</summary>
    public double ErrorRatio => AbsoluteError == 0 ? 0 : AbsoluteError / Tolerance;
}
