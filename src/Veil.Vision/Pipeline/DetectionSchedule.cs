namespace Veil.Vision.Pipeline;

/// <summary>How a stream's detection runs beside its frames.</summary>
/// <param name="Workers">Detectors running side by side on consecutive frames (each on its own thread).</param>
/// <param name="DetectorTimeout">The longest a frame's detection may take; later, the frame is obscured. Zero runs one detector inline with no deadline.</param>
/// <param name="LookAhead">How far confident detections reach back over held frames (0: none).</param>
public sealed record DetectionSchedule(int Workers, TimeSpan DetectorTimeout, TimeSpan LookAhead)
{
    /// <summary>One detector inline, no deadline, no look-ahead: stills and evaluation.</summary>
    public static DetectionSchedule Inline { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>One worker: several (--detect-workers) run frames side by side faster, but their output still differs from one worker's on the stills test (issue 5 open).</summary>
    public static int DefaultWorkers => 1;

    public void Validate()
    {
        if (Workers < 1) throw new ArgumentException($"detection workers ({Workers}) must be at least 1");
        if (DetectorTimeout < TimeSpan.Zero || LookAhead < TimeSpan.Zero) throw new ArgumentException("detector timeout and look-ahead cannot be negative");
    }
}
