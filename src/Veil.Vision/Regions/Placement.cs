using Veil.Core.Geometry;

namespace Veil.Vision.Regions;

/// <summary>One region of the frame (<see cref="Source"/>) as it sits on a canvas: at X, Y, scaled to Width x Height.</summary>
public readonly record struct Placement(PixelRect Source, int X, int Y, int Width, int Height)
{
    public float ScaleX => (float)Width / Source.Width;
    public float ScaleY => (float)Height / Source.Height;

    public bool Holds(float x, float y) => x >= X && y >= Y && x < X + Width && y < Y + Height;
}
