namespace Veil.Vision.Redaction;

/// <summary>A rectangle of one 8-bit plane in native memory: a frame's Y, U or V, or scratch.</summary>
internal readonly unsafe struct Plane8(byte* data, int stride, int width, int height)
{
    public byte* Data { get; } = data;
    public int Stride { get; } = stride;
    public int Width { get; } = width;
    public int Height { get; } = height;

    public Span<byte> Row(int y) => new(Data + (long)y * Stride, Width);
}
