namespace Veil.Server.Serve.Recording;

/// <summary>Section "Veil:Recording": each stream's anonymized output kept as MP4 files of a set length, the oldest deleted first.</summary>
public sealed record RecordingSettings
{
    /// <summary>Where the recordings go, a folder per stream; empty: nothing is recorded.</summary>
    public string Directory { get; init; } = "";

    /// <summary>Each file's length; cut at the encoder's keyframes (every 2 s), so files run up to a keyframe longer.</summary>
    public double SegmentSeconds { get; init; } = 60;

    /// <summary>Files closed longer ago than this are deleted.</summary>
    public double KeepHours { get; init; } = 24;

    /// <summary>The most one stream's files may take, and all streams' together, in MB (10^6 bytes); 0: no limit.</summary>
    public double MaxMegabytesPerStream { get; init; }
    public double MaxMegabytesTotal { get; init; }

    public bool Enabled => Directory.Length > 0;

    public IEnumerable<string> Problems()
    {
        if (SegmentSeconds is < 1 or > 86_400) yield return $"Veil:Recording:SegmentSeconds {SegmentSeconds} must be between 1 and 86400";
        if (KeepHours <= 0) yield return $"Veil:Recording:KeepHours {KeepHours} must be more than 0";
        if (MaxMegabytesPerStream < 0) yield return $"Veil:Recording:MaxMegabytesPerStream {MaxMegabytesPerStream} must be 0 (no limit) or more";
        if (MaxMegabytesTotal < 0) yield return $"Veil:Recording:MaxMegabytesTotal {MaxMegabytesTotal} must be 0 (no limit) or more";
    }
}
