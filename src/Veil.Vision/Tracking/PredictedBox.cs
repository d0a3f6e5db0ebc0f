using Veil.Core.Detections;

namespace Veil.Vision.Tracking;

/// <summary>Where a track is expected on a frame not tracked yet, and how long ago its object was last detected.</summary>
public readonly record struct PredictedBox(BoxF Box, TimeSpan SinceSeen);
