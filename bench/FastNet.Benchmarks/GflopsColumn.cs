using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastNet.Benchmarks;

/// <summary>
/// GFLOP/s of a GEMM benchmark: 2·M·K·N floating-point operations (one multiply and one add per term) over the mean
/// time (or, for the "best" column, the fastest iteration, which is what the hardware does when no other process
/// shares the core), with M×K×N read from the <c>Shape</c> parameter.
/// </summary>
public sealed class GflopsColumn(bool fromMinimum) : IColumn
{
    public string Id => nameof(GflopsColumn) + (fromMinimum ? "Min" : "");
    public string ColumnName => fromMinimum ? "GFLOP/s best" : "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => fromMinimum ? "2·M·K·N / fastest iteration time, in GFLOP/s" : "2·M·K·N / mean time, in GFLOP/s";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || benchmarkCase.Parameters["Shape"] is not string shape) return "-";
        (int m, int k, int n) = GemmBenchmarks.ParseShape(shape);
        double nanoseconds = fromMinimum ? statistics.Min : statistics.Mean;
        double gflops = 2.0 * m * k * n / nanoseconds; // flops per nanosecond = GFLOP/s
        return gflops.ToString("F1", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}

/// <summary>The GEMM benchmarks' configuration: the default job plus the GFLOP/s column.</summary>
public sealed class GemmConfig : ManualConfig
{
    public GemmConfig() => AddColumn(new GflopsColumn(fromMinimum: false), new GflopsColumn(fromMinimum: true), StatisticColumn.Min);
}
