using Veil.Core.Geometry;

namespace Veil.Vision.Changes;

/// <summary>
/// Turns a grid of changed blocks into a few rectangles of the frame: blocks that touch form one region; each region's box is grown by a margin so it holds its
/// object whole with the context a detector needs, and boxes that then overlap are merged.
/// </summary>
internal sealed class ChangeRegions
{
    /// <summary>The least side of a region in pixels: a detector needs context around a small change.</summary>
    public const int MinSide = 64;
    private const int Margin = 16;

    // Mean step between neighbours, in grey levels: characters on a plate give 20-40, a car's
    // paint, road and sky under 8.
    public const int DetailLevels = 12;

    private int[] _label = [];
    private readonly Stack<int> _stack = new();
    private readonly List<PixelRect> _found = new(), _detailed = new(), _carried = new();

    /// <param name="detail">Each block's detail; the detailed part of each region, carried along its line (see <see cref="LineAround"/>), goes to <paramref name="detailedInto"/>.</param>
    /// <param name="carriedInto">The detailed parts that were carried beyond themselves, as they were.</param>
    public void Find(bool[] changed, byte[] detail, int cols, int rows, int cell, int width, int height, List<PixelRect> into, List<PixelRect> detailedInto, List<PixelRect> carriedInto)
    {
        int n = cols * rows;
        if (_label.Length != n) _label = new int[n];
        Array.Clear(_label);
        _found.Clear();
        _detailed.Clear();
        _carried.Clear();
        int next = 0;
        for (int i = 0; i < n; i++)
        {
            if (!changed[i] || _label[i] != 0) continue;
            next++;
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
            _label[i] = next;
            _stack.Push(i);
            while (_stack.Count > 0)
            {
                int p = _stack.Pop(), px = p % cols, py = p / cols;
                x0 = Math.Min(x0, px); y0 = Math.Min(y0, py); x1 = Math.Max(x1, px); y1 = Math.Max(y1, py);
                for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    int qx = px + dx, qy = py + dy;
                    if (qx < 0 || qy < 0 || qx >= cols || qy >= rows) continue;
                    int q = qy * cols + qx;
                    if (!changed[q] || _label[q] != 0) continue;
                    _label[q] = next;
                    _stack.Push(q);
                }
            }
            var box = new PixelRect(x0 * cell, y0 * cell, (x1 - x0 + 1) * cell, (y1 - y0 + 1) * cell);
            Add(_found, Grow(box, width, height));
            var detailed = DetailedPart(detail, cols, rows, x0 - 1, y0 - 1, x1 + 1, y1 + 1);
            if (detailed.IsEmpty) continue;
            var line = LineAround(detailed, detail, cols);
            Add(_detailed, Grow(Pixels(line, cell), width, height));
            if (line.Width > detailed.Width) Add(_carried, Grow(Pixels(detailed, cell), width, height));
        }
        into.AddRange(_found);
        detailedInto.AddRange(_detailed);
        carriedInto.AddRange(_carried);
    }

    private static PixelRect Pixels(PixelRect blocks, int cell) => new(blocks.X * cell, blocks.Y * cell, blocks.Width * cell, blocks.Height * cell);

    // A line of text is at most this many times as wide as it is tall (a 19-character timestamp: 14).
    private const int LongestLine = 16;

    /// <summary>The box, in blocks, of the detailed blocks between the given corners (empty when none).</summary>
    private static PixelRect DetailedPart(byte[] detail, int cols, int rows, int x0, int y0, int x1, int y1)
    {
        x0 = Math.Max(0, x0); y0 = Math.Max(0, y0); x1 = Math.Min(cols - 1, x1); y1 = Math.Min(rows - 1, y1);
        int dx0 = int.MaxValue, dy0 = int.MaxValue, dx1 = -1, dy1 = -1;
        for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
        {
            if (detail[y * cols + x] < DetailLevels) continue;
            dx0 = Math.Min(dx0, x); dy0 = Math.Min(dy0, y); dx1 = Math.Max(dx1, x); dy1 = Math.Max(dy1, y);
        }
        return dx1 < 0 ? default : new PixelRect(dx0, dy0, dx1 - dx0 + 1, dy1 - dy0 + 1);
    }

    /// <summary>
    /// A detailed part (in blocks) carried left and right along its rows while the blocks beside
    /// it are detailed too: a line of text whose last characters changed (a clock's seconds) is
    /// read whole. Read from the changed part alone, the text model boxed a fragment, and the
    /// tracker moved the line's box onto it, leaving the rest of a burned-in timestamp readable.
    /// Over texture (grass, leaves) the carry runs on too: the part as it was is kept aside, so a
    /// small plate is still read at the enlargement that lets its characters be found.
    /// </summary>
    private static PixelRect LineAround(PixelRect part, byte[] detail, int cols)
    {
        int dx0 = part.X, dx1 = part.Right - 1, dy0 = part.Y, dy1 = part.Bottom - 1;
        int widest = LongestLine * part.Height;
        while (dx1 - dx0 + 1 < widest && dx0 > 0 && ColumnDetailed(detail, cols, dx0 - 1, dy0, dy1)) dx0--;
        while (dx1 - dx0 + 1 < widest && dx1 < cols - 1 && ColumnDetailed(detail, cols, dx1 + 1, dy0, dy1)) dx1++;
        return new PixelRect(dx0, dy0, dx1 - dx0 + 1, dy1 - dy0 + 1);
    }

    private static bool ColumnDetailed(byte[] detail, int cols, int x, int y0, int y1)
    {
        for (int y = y0; y <= y1; y++)
            if (detail[y * cols + x] >= DetailLevels) return true;
        return false;
    }

    /// <summary>Grows a box by a margin (a tenth of its size, at least <see cref="Margin"/>) and to the least side, inside the frame.</summary>
    public static PixelRect Grow(PixelRect box, int width, int height)
    {
        int mx = Math.Max(Margin, box.Width / 10), my = Math.Max(Margin, box.Height / 10);
        int w = Math.Max(MinSide, box.Width + 2 * mx), h = Math.Max(MinSide, box.Height + 2 * my);
        int cx = box.X + box.Width / 2, cy = box.Y + box.Height / 2;
        return new PixelRect(cx - w / 2, cy - h / 2, w, h).ClampTo(width, height);
    }

    /// <summary>Adds a box, merged with every one it overlaps (a merge may reach others: repeated).</summary>
    private static void Add(List<PixelRect> found, PixelRect box)
    {
        for (int i = 0; i < found.Count; i++)
        {
            if (found[i].Intersect(box).IsEmpty) continue;
            var merged = found[i].Union(box);
            found.RemoveAt(i);
            Add(found, merged);
            return;
        }
        found.Add(box);
    }
}
