namespace Veil.Core.Frames;

/// <summary>
/// The three planes of one I420 (YUV 4:2:0) picture, borrowed from a <see cref="VideoFrame"/>.
/// A ref struct so a plane cannot escape into async code or outlive the frame's ownership.
/// </summary>
public readonly unsafe ref struct YuvPlanes
{
    public readonly byte* Y;
    public readonly byte* U;
    public readonly byte* V;
    public readonly int YStride;
    public readonly int UStride;
    public readonly int VStride;
    public readonly int Width;
    public readonly int Height;

    public YuvPlanes(byte* y, int yStride, byte* u, int uStride, byte* v, int vStride, int width, int height)
    {
        Y = y; U = u; V = v;
        YStride = yStride; UStride = uStride; VStride = vStride;
        Width = width; Height = height;
    }

    public int ChromaWidth => (Width + 1) / 2;
    public int ChromaHeight => (Height + 1) / 2;

    public Span<byte> YRow(int row) => new(Y + (long)row * YStride, Width);
    public Span<byte> URow(int row) => new(U + (long)row * UStride, ChromaWidth);
    public Span<byte> VRow(int row) => new(V + (long)row * VStride, ChromaWidth);

    /// <summary>Sets every sample of the picture to <paramref name="value"/> (128: mid grey).</summary>
    public void Fill(byte value)
    {
        for (int y = 0; y < Height; y++) YRow(y).Fill(value);
        for (int y = 0; y < ChromaHeight; y++)
        {
            URow(y).Fill(value);
            VRow(y).Fill(value);
        }
    }

    /// <summary>Copies this picture into <paramref name="dst"/>, which has the same size.</summary>
    public void CopyTo(YuvPlanes dst)
    {
        if (dst.Width != Width || dst.Height != Height)
            throw new ArgumentException($"cannot copy a {Width}x{Height} picture into {dst.Width}x{dst.Height}");
        for (int y = 0; y < Height; y++) YRow(y).CopyTo(dst.YRow(y));
        for (int y = 0; y < ChromaHeight; y++)
        {
            URow(y).CopyTo(dst.URow(y));
            VRow(y).CopyTo(dst.VRow(y));
        }
    }
}
