namespace Veil.Vision.Tests.Support;

/// <summary>A managed copy of one plane, for comparing before and after.</summary>
internal sealed class PlaneImage(byte[] data, int width, int height)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte this[int x, int y] => data[y * Width + x];

    public double Mean(OpenCvSharp.Rect r)
    {
        double sum = 0;
        for (int y = r.Top; y < r.Bottom; y++)
            for (int x = r.Left; x < r.Right; x++) sum += this[x, y];
        return sum / (r.Width * r.Height);
    }

    /// <summary>Variance of the 4-neighbour Laplacian inside the rectangle: the high-frequency energy.</summary>
    public double LaplacianVariance(OpenCvSharp.Rect r)
    {
        double sum = 0, sumSq = 0;
        int n = 0;
        for (int y = r.Top + 1; y < r.Bottom - 1; y++)
            for (int x = r.Left + 1; x < r.Right - 1; x++)
            {
                double lap = 4 * this[x, y] - this[x - 1, y] - this[x + 1, y] - this[x, y - 1] - this[x, y + 1];
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /// <summary>The most runs of equal values along any row of the rectangle.</summary>
    public int MaxRunsAcross(OpenCvSharp.Rect r)
    {
        int most = 0;
        for (int y = r.Top; y < r.Bottom; y++)
        {
            int runs = 1;
            for (int x = r.Left + 1; x < r.Right; x++) if (this[x, y] != this[x - 1, y]) runs++;
            most = Math.Max(most, runs);
        }
        return most;
    }

    /// <summary>The most runs of equal values along any column of the rectangle.</summary>
    public int MaxRunsDown(OpenCvSharp.Rect r)
    {
        int most = 0;
        for (int x = r.Left; x < r.Right; x++)
        {
            int runs = 1;
            for (int y = r.Top + 1; y < r.Bottom; y++) if (this[x, y] != this[x, y - 1]) runs++;
            most = Math.Max(most, runs);
        }
        return most;
    }

    /// <summary>Pixels that differ from <paramref name="other"/> where <paramref name="inside"/> says no.</summary>
    public int CountChangedOutside(PlaneImage other, Func<int, int, bool> inside)
    {
        int changed = 0;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                if (!inside(x, y) && this[x, y] != other[x, y]) changed++;
        return changed;
    }

    public int CountChanged(PlaneImage other, OpenCvSharp.Rect r)
    {
        int changed = 0;
        for (int y = r.Top; y < r.Bottom; y++)
            for (int x = r.Left; x < r.Right; x++)
                if (this[x, y] != other[x, y]) changed++;
        return changed;
    }
}
