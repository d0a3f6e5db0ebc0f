using Veil.Violations.Calibration;
using Veil.Violations.Zones;

namespace Veil.Violations.Rules;

/// <summary>What the rules of one camera can rely on; fixed for the engine's life.</summary>
/// <param name="Camera">The camera's name; part of every event id.</param>
/// <param name="Ground">The fitted ground homography, null when the camera is not calibrated.</param>
/// <param name="HelmetClassifier">Null unless the model manifest has a helmet model: the no-helmet rule is then unavailable, never guessed.</param>
public sealed record RuleEnvironment(
    string Camera,
    GroundHomography? Ground,
    IReadOnlyList<Zone> Zones,
    IHelmetClassifier? HelmetClassifier = null)
{
    /// <summary>Fits the camera's control points (throwing on a bad set, so a broken calibration is seen at start).</summary>
    public static RuleEnvironment From(CameraCalibration calibration, IHelmetClassifier? helmetClassifier = null) =>
        new(calibration.Name, calibration.FitGround(), calibration.Zones, helmetClassifier);

    public IEnumerable<Zone> ZonesOf(ZoneKind kind) => Zones.Where(z => z.Kind == kind);
}
