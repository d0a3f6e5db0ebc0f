namespace Veil.TestSupport.MovingObjects;

/// <summary>How much of the picture around a labelled box is cut with it, as fractions of the box's width (sides) and height (top, bottom).</summary>
public readonly record struct ContextMargins(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Hair above, chin and neck below, the sides of the head.</summary>
    public static readonly ContextMargins Face = new(0.35, 0.55, 0.35, 0.3);

    /// <summary>Bumper, grille and lights: enough car that the plate does not float.</summary>
    public static readonly ContextMargins Plate = new(0.5, 1.2, 0.5, 1.0);

    public static ContextMargins For(ObjectKind kind) => kind == ObjectKind.Face ? Face : Plate;

    /// <summary>The label box grown by these margins, in the source image's pixels.</summary>
    public (int X, int Y, int W, int H) Grow(int x, int y, int w, int h)
    {
        int left = (int)Math.Round(Left * w), top = (int)Math.Round(Top * h);
        int right = (int)Math.Round(Right * w), bottom = (int)Math.Round(Bottom * h);
        return (x - left, y - top, w + left + right, h + top + bottom);
    }
}
