namespace Veil.Vision.Tracking;

/// <summary>
/// Minimum-cost assignment of rows to columns (the Hungarian method in its shortest augmenting
/// path form with potentials, O(n²m)). Greedy matching by IoU swaps ids when two objects cross;
/// the optimum does not. Work buffers are kept and grown, so steady use allocates nothing.
/// </summary>
/// <remarks>
/// ByteTrack solves with lapjv and a cost limit, which lets any row or column stay unmatched at
/// half the limit each. Clipping every cost to the limit and dropping clipped pairs afterwards
/// gives the same optimum on a rectangular problem: an unmatched row and an unmatched column
/// together cost the limit either way.
/// </remarks>
internal sealed class LinearAssignment
{
    private double[] _u = [], _v = [], _minv = [];
    private int[] _p = [], _way = [];
    private bool[] _used = [];

    /// <summary>
    /// Assigns each row of the row-major <paramref name="cost"/> (rows × cols) a column, or -1,
    /// minimising the total; pairs costing more than <paramref name="limit"/> are left unassigned.
    /// </summary>
    public void Solve(ReadOnlySpan<double> cost, int rows, int cols, double limit, Span<int> rowToCol)
    {
        rowToCol[..rows].Fill(-1);
        if (rows == 0 || cols == 0) return;
        // The algorithm wants rows <= cols; a wide problem is solved as its transpose.
        bool transpose = rows > cols;
        int n = transpose ? cols : rows, m = transpose ? rows : cols;
        Ensure(n, m);
        var (u, v, minv, p, way, used) = (_u, _v, _minv, _p, _way, _used);
        Array.Clear(u, 0, n + 1);
        Array.Clear(v, 0, m + 1);
        Array.Clear(p, 0, m + 1);

        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity, 0, m + 1);
            Array.Clear(used, 0, m + 1);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double c = transpose ? cost[(j - 1) * cols + (i0 - 1)] : cost[(i0 - 1) * cols + (j - 1)];
                    double cur = Math.Min(c, limit) - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }

        for (int j = 1; j <= m; j++)
        {
            if (p[j] == 0) continue;
            int row = transpose ? j - 1 : p[j] - 1, col = transpose ? p[j] - 1 : j - 1;
            if (cost[row * cols + col] <= limit) rowToCol[row] = col;
        }
    }

    private void Ensure(int n, int m)
    {
        // n <= m, so one size fits the row potentials too.
        if (_v.Length >= m + 1) return;
        int size = Math.Max(m + 1, 2 * _v.Length);
        _u = new double[size];
        _v = new double[size];
        _minv = new double[size];
        _p = new int[size];
        _way = new int[size];
        _used = new bool[size];
    }
}
