namespace Veil.Ingest;

/// <summary>A publish session's figures, as its publisher is told them.</summary>
public readonly record struct PublishStats(long FramesEncoded, double Fps, double LatencyP95Ms, long ObscuredFrames, long DroppedFrames);
