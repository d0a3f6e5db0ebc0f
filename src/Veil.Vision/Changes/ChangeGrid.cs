using Veil.Core.Geometry;

namespace Veil.Vision.Changes;

/// <summary>
/// Which 8x8 blocks of one frame changed from the frame before (see <see cref="ChangeMap"/>). A
/// frame's grid travels with it to tracking, which holds a track still where nothing changed.
/// An empty grid (a cut, a frame too large to plan, no plan) says nothing: every block counts as changed.
/// </summary>
public sealed class ChangeGrid
{
    private bool[] _changed = [];

    public int Columns { get; private set; }
    public int Rows { get; private set; }
    public bool IsEmpty => Columns == 0;

    public void Clear() => (Columns, Rows) = (0, 0);

    internal bool[] Reset(int columns, int rows)
    {
        if (_changed.Length != columns * rows) _changed = new bool[columns * rows];
        (Columns, Rows) = (columns, rows);
        return _changed;
    }

    public void CopyFrom(ChangeGrid other)
    {
        if (other.IsEmpty)
        {
            Clear();
            return;
        }
        Array.Copy(other._changed, Reset(other.Columns, other.Rows), other.Columns * other.Rows);
    }

    /// <summary>The share of the blocks inside <paramref name="rect"/> that changed; 1 when the grid is empty.</summary>
    public float ChangedShareIn(PixelRect rect)
    {
        if (IsEmpty) return 1;
        int cell = LumaGrid.Cell;
        int x0 = Math.Max(0, rect.X / cell), y0 = Math.Max(0, rect.Y / cell);
        int x1 = Math.Min(Columns - 1, (rect.Right - 1) / cell), y1 = Math.Min(Rows - 1, (rect.Bottom - 1) / cell);
        if (x1 < x0 || y1 < y0) return 0;
        int changed = 0;
        for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
            if (_changed[y * Columns + x]) changed++;
        return (float)changed / ((x1 - x0 + 1) * (y1 - y0 + 1));
    }
}
