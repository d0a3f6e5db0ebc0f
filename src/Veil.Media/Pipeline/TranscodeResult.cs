namespace Veil.Media.Pipeline;

/// <summary>What a finished transcode did.</summary>
public sealed record TranscodeResult(
    int Width,
    int Height,
    long FramesDecoded,
    long FramesEncoded,
    long CorruptPackets,
    AudioMode Audio,
    TimeSpan Elapsed)
{
    public double Fps => Elapsed.TotalSeconds > 0 ? FramesEncoded / Elapsed.TotalSeconds : 0;

    /// <summary>Frames a processor marked to drop (fail closed), never encoded.</summary>
    public long FramesDropped { get; init; }

    /// <summary>Frames a live run dropped at its entry to stay near real time (<see cref="TranscodeRequest.ShedLoad"/>).</summary>
    public long FramesShed { get; init; }

    /// <summary>Packet arrival to encoded packet written, per video frame.</summary>
    public double LatencyP50Ms { get; init; }
    public double LatencyP95Ms { get; init; }
    public double LatencyP99Ms { get; init; }
}
