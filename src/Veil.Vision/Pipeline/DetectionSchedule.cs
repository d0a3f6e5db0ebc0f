namespace Veil.Vision.Pipeline;

/// <summary>How a stream's detection runs beside its frames.</summary>
/// <param name="Workers">Detectors running side by side on consecutive frames (each on its own thread).</param>
/// <param name="DetectorTimeout">The longest a frame's detection may take; later, the frame is obscured. Zero runs one detector inline with no deadline.</param>
/// <param name="LookAhead">How far confident detections reach back over held frames (0: none).</param>
public sealed record DetectionSchedule(int Workers, TimeSpan DetectorTimeout, TimeSpan LookAhead)
{
    /// <summary>
    /// Frames are held this much longer than the look-ahead, so workers detect the frames after
    /// a slow one (a frame every model runs on) while it is waited for.
    /// </summary>
    public TimeSpan Slack { get; init; } = TimeSpan.FromMilliseconds(120);

    /// <summary>One detector inline, no deadline, no look-ahead: stills and evaluation.</summary>
    public static DetectionSchedule Inline { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>One per core (at most 4): on 2 cores, one frame's inference overlaps the next one's.</summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public void Validate()
    {
        if (Workers < 1) throw new ArgumentException($"detection workers ({Workers}) must be at least 1");
        if (DetectorTimeout < TimeSpan.Zero || LookAhead < TimeSpan.Zero) throw new ArgumentException("detector timeout and look-ahead cannot be negative");
    }
}
