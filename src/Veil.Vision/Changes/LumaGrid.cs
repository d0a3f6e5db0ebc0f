using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Veil.Core.Frames;

namespace Veil.Vision.Changes;

/// <summary>
/// The luma plane reduced to the mean of each 8x8 block (160x90 cells at 720p): what the change
/// map compares from frame to frame. Noise and compression ringing average out over 64 pixels,
/// while anything that moves shifts the means of the blocks along its edges. Also each block's
/// detail: the mean step between horizontal neighbours, high where characters stand on a plate
/// (and on signs, grilles, foliage), low on car bodies, road and sky. SSE2's sum of absolute
/// differences adds 8 bytes at a time (against zero for the mean, against the next pixel for
/// the detail), so 720p takes well under a millisecond.
/// </summary>
public sealed class LumaGrid
{
    public const int Cell = 8;

    public int Columns { get; private set; }
    public int Rows { get; private set; }

    /// <summary>Block means, row by row.</summary>
    public byte[] Means { get; private set; } = [];

    /// <summary>Each block's mean absolute step between horizontal neighbours (read on every other row).</summary>
    public byte[] Detail { get; private set; } = [];

    private int[] _sums = [], _steps = [];

    public unsafe void Update(YuvPlanes planes)
    {
        int cols = (planes.Width + Cell - 1) / Cell, rows = (planes.Height + Cell - 1) / Cell;
        if (cols != Columns || rows != Rows)
        {
            (Columns, Rows) = (cols, rows);
            Means = new byte[cols * rows];
            Detail = new byte[cols * rows];
            _sums = new int[cols];
            _steps = new int[cols];
        }
        int fullCols = planes.Width / Cell;
        for (int r = 0; r < rows; r++)
        {
            Array.Clear(_sums);
            Array.Clear(_steps);
            int y0 = r * Cell, y1 = Math.Min(planes.Height, y0 + Cell);
            for (int y = y0; y < y1; y++) AddRow(planes.Y + (long)y * planes.YStride, planes.Width, fullCols, steps: (y & 1) == 0);
            for (int c = 0; c < cols; c++)
            {
                int w = Math.Min(Cell, planes.Width - c * Cell), n = w * (y1 - y0);
                Means[r * cols + c] = (byte)((_sums[c] + n / 2) / n);
                Detail[r * cols + c] = (byte)Math.Min(255, 2 * _steps[c] / n);
            }
        }
    }

    private unsafe void AddRow(byte* row, int width, int fullCols, bool steps)
    {
        int c = 0;
        if (Sse2.IsSupported)
        {
            // The next-pixel load reads one byte past the pair of blocks: stop a pair short of the row's end.
            for (; c + 1 < fullCols && (c + 2) * Cell < width; c += 2)
            {
                var pixels = Sse2.LoadVector128(row + c * Cell);
                var sums = Sse2.SumAbsoluteDifferences(pixels, Vector128<byte>.Zero).AsInt64();
                _sums[c] += (int)sums.GetElement(0);
                _sums[c + 1] += (int)sums.GetElement(1);
                if (!steps) continue;
                var diffs = Sse2.SumAbsoluteDifferences(pixels, Sse2.LoadVector128(row + c * Cell + 1)).AsInt64();
                _steps[c] += (int)diffs.GetElement(0);
                _steps[c + 1] += (int)diffs.GetElement(1);
            }
        }
        for (int x = c * Cell; x < width; x++)
        {
            _sums[x / Cell] += row[x];
            if (steps && x + 1 < width) _steps[x / Cell] += Math.Abs(row[x] - row[x + 1]);
        }
    }
}
