namespace FastNet.Diagnostics;

/// <summary>
/// A gradient check that failed (thrown by <see cref="GradientCheck.Assert(Network, FastNet.Data.Dataset, GradientCheckOptions?)"/>):
/// the message is the report's table of the worst coordinates, so a failing unit test shows where the gradient is wrong.
/// </summary>
public sealed class GradientCheckException : FastNetException
{
    internal GradientCheckException(GradientCheckReport report) : base(report.ToTable()) => Report = report;

    /// <summary>The full report of the failed check.</summary>
    public GradientCheckReport Report { get; }
}
