using Veil.Violations.Zones;

namespace Veil.Violations.Calibration;

/// <summary>
/// What an operator records about one camera: where it is, what it is, the control points
/// that tie its image to the map, and the zones its rules watch.
/// </summary>
public sealed record CameraCalibration(
    string Name,
    string Address,
    string Model,
    GeoPoint Position,
    IReadOnlyList<ControlPoint> ControlPoints,
    IReadOnlyList<Zone> Zones)
{
    /// <summary>The fitted ground homography, or null when no control points were recorded (rules that need metres are then unavailable).</summary>
    public GroundHomography? FitGround() => ControlPoints.Count == 0 ? null : GroundHomography.Fit(ControlPoints);
}
