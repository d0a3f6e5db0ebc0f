using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Veil.Benchmarks;

/// <summary>
/// Throughput in megapixels of redacted region per second, from the <c>Region</c> parameter
/// ("WxH") and the mean time, so regions of different sizes compare on one scale.
/// </summary>
public sealed class MegapixelsPerSecondColumn : IColumn
{
    public string Id => nameof(MegapixelsPerSecondColumn);
    public string ColumnName => "Mpx/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megapixels of region redacted per second";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var region = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Region")?.Value as string;
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (region is null || stats is null || stats.Mean <= 0) return "-";
        var (w, h) = RedactionBenchmarks.ParseSize(region);
        double megapixels = (double)w * h / 1e6;
        return (megapixels / (stats.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }
}
