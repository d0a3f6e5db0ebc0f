using Veil.Core.Geometry;

namespace Veil.Vision.Regions;

/// <summary>
/// The slow look at everything: the frame cut into tiles of about 640x360 (overlapping by a wide
/// plate), one tile read at native resolution every few frames, so that every part of the frame
/// is looked at within <see cref="Frames"/> frames (or one frame per tile, when there are more
/// tiles than that, never more than a tile every <paramref name="minStep"/> frames, so a large
/// frame's many tiles do not cost more a frame than a small one's) however still it is. What never
/// moves is found here.
/// </summary>
public sealed class SafetyNet(int frames, int minStep = 1)
{
    private const int TileWidth = 640, TileHeight = 360, Overlap = 64;

    public int Frames { get; } = Math.Max(1, frames);

    /// <summary>The tile to read on frame <paramref name="frameIndex"/>, or an empty rectangle on frames between tiles.</summary>
    public PixelRect TileFor(long frameIndex, int width, int height)
    {
        int cols = Math.Max(1, (width + TileWidth - Overlap - 1) / TileWidth), rows = Math.Max(1, (height + TileHeight - Overlap - 1) / TileHeight);
        int tiles = cols * rows, step = Math.Max(Math.Max(1, minStep), Frames / tiles);
        if (frameIndex % step != 0) return default;
        int tile = (int)(frameIndex / step % tiles);
        return Tile(tile % cols, tile / cols, cols, rows, width, height);
    }

    /// <summary>Frames until every part of the frame has been read once.</summary>
    public int Cycle(int width, int height)
    {
        int cols = Math.Max(1, (width + TileWidth - Overlap - 1) / TileWidth), rows = Math.Max(1, (height + TileHeight - Overlap - 1) / TileHeight);
        return Math.Max(Math.Max(1, minStep), Frames / (cols * rows)) * cols * rows;
    }

    private static PixelRect Tile(int col, int row, int cols, int rows, int width, int height)
    {
        int w = Math.Min(width, (width + (cols - 1) * Overlap + cols - 1) / cols);
        int h = Math.Min(height, (height + (rows - 1) * Overlap + rows - 1) / rows);
        int x = cols == 1 ? 0 : (int)((long)(width - w) * col / (cols - 1));
        int y = rows == 1 ? 0 : (int)((long)(height - h) * row / (rows - 1));
        return new PixelRect(x, y, w, h);
    }
}
