using Veil.Core.Detections;
using Veil.Server.Anonymize;
using Veil.Vision.Detectors;

namespace Veil.Server.Policy;

/// <summary>A run's settings as a policy: for servers started in-process with a run's options (`veil bench --webrtc`).</summary>
internal static class PolicyOfSettings
{
    public static RedactionPolicy From(AnonymizeSettings s) => new()
    {
        Classes = [.. s.Classes.Select(c => c.Name())],
        Style = s.Redaction.Style.ToString().ToLowerInvariant(),
        ClassStyles = s.ClassStyles.ToDictionary(kv => kv.Key.Name(), kv => kv.Value.ToString().ToLowerInvariant()),
        Cadence = CadenceText(s.Detector.Cadence),
        LookAheadMs = (int)s.LookAhead.TotalMilliseconds,
        DetectorTimeoutMs = (int)s.DetectorTimeout.TotalMilliseconds,
        OnDetectorFailure = s.DropFailedFrames ? "drop" : "fill",
    };

    private static string CadenceText(DetectionCadence c) =>
        c == DetectionCadence.Live ? "live" : c == DetectionCadence.Fast ? "fast" : c == DetectionCadence.EveryFrame ? "every-frame"
        : $"{c.Faces},{c.LargeFaceScale},{c.Objects},{c.PlateCrops},{c.PlateFrame}";
}
