namespace Veil.Bench.Measuring;

/// <summary>One measured transcode: who ran it, how many frames, and what it cost.</summary>
internal sealed record RunMeasure(string Tool, long Frames, double WallSeconds, double CpuSeconds, double PeakRssMiB)
{
    /// <summary>Frame in (packet arrival) to packet out, in ms; null where not measured (bare ffmpeg).</summary>
    public (double P50, double P95, double P99)? LatencyMs { get; init; }

    /// <summary>The same without the run's opening (its first 3 s: the first full passes and their catch-up); null where not measured or too short.</summary>
    public (double P50, double P95, double P99)? SettledLatencyMs { get; init; }

    /// <summary>Managed bytes allocated per frame by the whole process during the run; null where not measured.</summary>
    public double? AllocatedBytesPerFrame { get; init; }

    public double Fps => WallSeconds > 0 ? Frames / WallSeconds : 0;
    public double CpuMsPerFrame => Frames > 0 ? CpuSeconds * 1000 / Frames : 0;
}
