using Veil.Core.Geometry;

namespace Veil.Vision.Regions;

/// <summary>
/// Packs regions of a frame onto as few canvases as it can, in shelves (rows of regions, tallest
/// first). Canvas heights are multiples of 64 and widths a quarter, half or all of the widest, so
/// a stream's canvases come in a few sizes and the models' bound inputs are reused. A region wider than a canvas is cut into overlapping
/// strips, each wide enough to hold a plate or a face whole where two strips meet.
/// </summary>
public sealed class CanvasPacker
{
    /// <summary>Padding between regions (and around them): more than a face's or a plate's receptive reach into its neighbour matters.</summary>
    public const int Gap = 16;
    private const int Round = 64, StripOverlap = 160;
    private const float MaxEnlargement = 2f;

    private readonly List<PackedCanvas> _spare = new();
    private readonly List<PixelRect> _pieces = new();
    private int _used;

    /// <summary>
    /// Packs <paramref name="regions"/> scaled by <paramref name="scale"/> onto canvases
    /// <paramref name="canvasWidth"/> wide and at most <paramref name="maxHeight"/> high; the
    /// canvases stay valid until the next call.
    /// </summary>
    /// <param name="enlargeSmallTo">When above 0, a region smaller than this (its long side, in pixels) is read up to twice as large, towards this size.</param>
    public IReadOnlyList<PackedCanvas> Pack(IReadOnlyList<PixelRect> regions, float scale, int canvasWidth, int maxHeight, List<PackedCanvas> into, int enlargeSmallTo = 0)
    {
        canvasWidth = RoundUp(canvasWidth);
        _used = 0;
        into.Clear();
        _pieces.Clear();
        int inner = canvasWidth - 2 * Gap;
        int maxSource = (int)(inner / scale);
        for (int i = 0; i < regions.Count; i++) Cut(regions[i], maxSource, (int)((maxHeight - 2 * Gap) / scale));
        _pieces.Sort((a, b) => b.Height.CompareTo(a.Height));
        PackedCanvas? canvas = null;
        int x = Gap, y = Gap, shelf = 0;
        foreach (var piece in _pieces)
        {
            float f = scale * (enlargeSmallTo > 0 ? Math.Clamp((float)enlargeSmallTo / Math.Max(piece.Width, piece.Height), 1f, MaxEnlargement) : 1f);
            int w = Math.Max(1, (int)MathF.Round(piece.Width * f)), h = Math.Max(1, (int)MathF.Round(piece.Height * f));
            if (canvas is not null && x + w + Gap > canvasWidth) { x = Gap; y += shelf + Gap; shelf = 0; }
            if (canvas is null || y + h + Gap > maxHeight)
            {
                canvas = Next();
                into.Add(canvas);
                (x, y, shelf) = (Gap, Gap, 0);
            }
            canvas.Placements.Add(new Placement(piece, x, y, w, h));
            x += w + Gap;
            shelf = Math.Max(shelf, h);
            // About as wide and high as what it holds: a lone small region costs its own size, not a canvas's.
            canvas.Width = Math.Max(canvas.Width, Width(x, canvasWidth));
            canvas.Height = RoundUp(y + shelf + Gap);
        }
        return into;
    }

    /// <summary>Cuts a region larger than a canvas into overlapping strips and bands (loops, not iterators: nothing allocated per frame).</summary>
    private void Cut(PixelRect region, int maxWidth, int maxHeight)
    {
        int columns = Count(region.Width, maxWidth), rows = Count(region.Height, maxHeight);
        for (int i = 0; i < columns; i++)
        for (int j = 0; j < rows; j++)
        {
            var (x, w) = Span(region.X, region.Width, maxWidth, i);
            var (y, h) = Span(region.Y, region.Height, maxHeight, j);
            _pieces.Add(new PixelRect(x, y, w, h));
        }
    }

    private static int Overlap(int max) => Math.Min(StripOverlap, max / 2);

    private static int Count(int length, int max) =>
        length <= max ? 1 : (length - Overlap(max) + max - Overlap(max) - 1) / (max - Overlap(max));

    private static (int Start, int Length) Span(int start, int length, int max, int index) =>
        length <= max ? (start, length) : (Math.Min(start + index * (max - Overlap(max)), start + length - max), max);

    private PackedCanvas Next()
    {
        if (_used == _spare.Count) _spare.Add(new PackedCanvas());
        var canvas = _spare[_used++];
        canvas.Width = 0;
        canvas.Height = 0;
        canvas.Placements.Clear();
        return canvas;
    }

    private static int RoundUp(int v) => (v + Round - 1) / Round * Round;

    /// <summary>
    /// A canvas width from a few steps (a quarter, half or all of the widest): each input shape a
    /// model meets costs it a first slow run and a bound buffer, so shapes are kept few.
    /// </summary>
    private static int Width(int used, int widest)
    {
        int quarter = RoundUp(widest / 4), half = RoundUp(widest / 2);
        return used <= quarter ? quarter : used <= half ? half : widest;
    }
}
