namespace Veil.Core.Geometry;

/// <summary>An axis-aligned rectangle in whole pixels of one frame.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public bool IsEmpty => Width <= 0 || Height <= 0;
    public long Area => IsEmpty ? 0 : (long)Width * Height;

    /// <summary>Grows every side by <paramref name="margin"/> pixels.</summary>
    public PixelRect Inflate(int margin) => new(X - margin, Y - margin, Width + 2 * margin, Height + 2 * margin);

    public PixelRect Intersect(PixelRect other)
    {
        int x0 = Math.Max(X, other.X), y0 = Math.Max(Y, other.Y);
        int x1 = Math.Min(Right, other.Right), y1 = Math.Min(Bottom, other.Bottom);
        return x1 > x0 && y1 > y0 ? new PixelRect(x0, y0, x1 - x0, y1 - y0) : default;
    }

    /// <summary>Whether <paramref name="inner"/> lies wholly inside this rectangle.</summary>
    public bool Holds(PixelRect inner) => X <= inner.X && Y <= inner.Y && Right >= inner.Right && Bottom >= inner.Bottom;

    /// <summary>The smallest rectangle holding both.</summary>
    public PixelRect Union(PixelRect other)
    {
        int x = Math.Min(X, other.X), y = Math.Min(Y, other.Y);
        return new PixelRect(x, y, Math.Max(Right, other.Right) - x, Math.Max(Bottom, other.Bottom) - y);
    }

    /// <summary>The part of this rectangle inside a frame of the given size (empty when none).</summary>
    public PixelRect ClampTo(int frameWidth, int frameHeight) => Intersect(new PixelRect(0, 0, frameWidth, frameHeight));

    public override string ToString() => $"{X},{Y},{Width}x{Height}";
}
