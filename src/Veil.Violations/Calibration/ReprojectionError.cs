namespace Veil.Violations.Calibration;

/// <summary>
/// How well a fitted homography reproduces its own control points: on the ground (pixel mapped
/// to metres versus the surveyed point) and in the image (surveyed point mapped back to pixels
/// versus the clicked pixel). A large maximum beside a small RMS points at one mistyped point.
/// </summary>
public sealed record ReprojectionError(
    double RmsMetres,
    double MaxMetres,
    double RmsPixels,
    double MaxPixels,
    int WorstPointIndex)
{
    public override string ToString() => FormattableString.Invariant(
        $"RMS {RmsMetres:F3} m / {RmsPixels:F2} px, max {MaxMetres:F3} m / {MaxPixels:F2} px (control point {WorstPointIndex})");
}
