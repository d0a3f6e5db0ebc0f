using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// How an object box is split for the leak meter: in halves both ways, so that any half of it left uncovered
/// (a redaction box set too low, or to one side) is whole cells. A plate is read left to right, so it is
/// cut in four columns, and in two rows when tall enough; a face in quarters (eyes, mouth, each side).
/// Small boxes get fewer cells: a cell needs enough pixels for its correlation to mean something.
/// </summary>
public static class CellGrid
{
    /// <summary>The narrowest plate column, in pixels.</summary>
    public const int MinPlateColumn = 12;

    /// <summary>The lowest plate row, in pixels.</summary>
    public const int MinPlateRow = 8;

    /// <summary>The smallest face that is cut in quarters (height, pixels).</summary>
    public const int MinQuarteredFace = 24;

    public static List<Rect> Cells(ObjectKind kind, Rect box)
    {
        int columns, rows;
        if (kind == ObjectKind.Plate)
        {
            columns = box.Width >= 4 * MinPlateColumn ? 4 : box.Width >= 2 * MinPlateColumn ? 2 : 1;
            rows = box.Height >= 2 * MinPlateRow ? 2 : 1;
        }
        else
        {
            columns = rows = box.Height >= MinQuarteredFace && box.Width >= MinQuarteredFace * 3 / 4 ? 2 : 1;
        }

        var cells = new List<Rect>(columns * rows);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int x0 = box.X + box.Width * c / columns, x1 = box.X + box.Width * (c + 1) / columns;
                int y0 = box.Y + box.Height * r / rows, y1 = box.Y + box.Height * (r + 1) / rows;
                cells.Add(new Rect(x0, y0, x1 - x0, y1 - y0));
            }
        return cells;
    }
}
