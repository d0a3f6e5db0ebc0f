using System.Drawing;

namespace Veil.Violations.Zones;

/// <summary>
/// The point of a box that stands on the ground: the bottom-centre (wheels, feet). Zones and the
/// homography are about the ground plane, and the box's centre would place a tall rider metres too far.
/// </summary>
public static class GroundContact
{
    public static PointF Of(RectangleF box) => new(box.X + box.Width / 2, box.Bottom);
}
