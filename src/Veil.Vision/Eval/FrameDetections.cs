using Veil.Core.Detections;

namespace Veil.Vision.Eval;

/// <summary>Everything every model found on one frame of a clip, recorded for offline measurement.</summary>
public sealed record FrameDetections(long Frame, TimeSpan Time, int Width, int Height, IReadOnlyList<Detection> Detections);
