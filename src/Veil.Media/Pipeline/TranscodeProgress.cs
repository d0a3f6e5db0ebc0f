namespace Veil.Media.Pipeline;

/// <summary>A snapshot of a running transcode, for progress bars and stats.</summary>
public readonly record struct TranscodeProgress(long FramesEncoded, TimeSpan Position, TimeSpan? Duration, TimeSpan Elapsed)
{
    public double Fps => Elapsed.TotalSeconds > 0 ? FramesEncoded / Elapsed.TotalSeconds : 0;

    /// <summary>0..1 when the input's duration is known.</summary>
    public double? Fraction => Duration is { TotalSeconds: > 0 } d ? Math.Clamp(Position / d, 0, 1) : null;
}
