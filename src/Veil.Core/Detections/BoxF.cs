using Veil.Core.Geometry;

namespace Veil.Core.Detections;

/// <summary>An axis-aligned box in frame pixels, with fractional coordinates.</summary>
public readonly record struct BoxF(float X, float Y, float W, float H)
{
    public float Right => X + W;
    public float Bottom => Y + H;
    public float Area => W > 0 && H > 0 ? W * H : 0;
    public float CenterX => X + W / 2;
    public float CenterY => Y + H / 2;

    public static BoxF FromCorners(float x0, float y0, float x1, float y1) => new(x0, y0, x1 - x0, y1 - y0);

    public float IntersectionArea(BoxF o)
    {
        float w = Math.Min(Right, o.Right) - Math.Max(X, o.X);
        float h = Math.Min(Bottom, o.Bottom) - Math.Max(Y, o.Y);
        return w > 0 && h > 0 ? w * h : 0;
    }

    public float IoU(BoxF o)
    {
        float inter = IntersectionArea(o);
        return inter <= 0 ? 0 : inter / (Area + o.Area - inter);
    }

    /// <summary>Grows each side by its own amount (negative shrinks).</summary>
    public BoxF Grow(float left, float top, float right, float bottom) => FromCorners(X - left, Y - top, Right + right, Bottom + bottom);

    public BoxF Scale(float s) => new(X * s, Y * s, W * s, H * s);

    public BoxF Offset(float dx, float dy) => new(X + dx, Y + dy, W, H);

    /// <summary>The smallest box holding both.</summary>
    public BoxF Union(BoxF o) => FromCorners(MathF.Min(X, o.X), MathF.Min(Y, o.Y), MathF.Max(Right, o.Right), MathF.Max(Bottom, o.Bottom));

    /// <summary>The whole pixels this box touches, clamped to the frame.</summary>
    public PixelRect ToPixelRect(int frameWidth, int frameHeight)
    {
        int x0 = (int)Math.Floor(X), y0 = (int)Math.Floor(Y);
        int x1 = (int)Math.Ceiling(Right), y1 = (int)Math.Ceiling(Bottom);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0).ClampTo(frameWidth, frameHeight);
    }
}
