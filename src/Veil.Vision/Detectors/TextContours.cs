using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Internal;

namespace Veil.Vision.Detectors;

/// <summary>One text region of a DB probability map: its bounding rectangle, grown by DB's unclip, and its score.</summary>
internal readonly record struct TextRegion(float X, float Y, float Right, float Bottom, float Score);

/// <summary>
/// DB's post-processing without managed allocation once warm: the map is binarised, OpenCV finds
/// the external contours (raw entry points, copied into reused pinned buffers), and each contour is
/// scored by the mean probability inside its polygon and grown by area·ratio/perimeter. Same
/// arithmetic as OpenCV's boundingRect, contourArea and arcLength, done here on the points.
/// </summary>
internal sealed unsafe class TextContours : IDisposable
{
    private byte* _binary, _mask;
    private nuint _binaryCapacity, _maskCapacity;
    private Point[] _points = GC.AllocateArray<Point>(4096, pinned: true);
    private UIntPtr[] _sizes = new UIntPtr[256];
    private IntPtr[] _starts = new IntPtr[256];
    private readonly IntPtr[] _polygon = new IntPtr[1];
    private readonly int[] _polygonCount = new int[1];

    public void Find(float* prob, int width, int height, float binaryThreshold, float boxThreshold, float unclipRatio, List<TextRegion> into)
    {
        Ensure(ref _binary, ref _binaryCapacity, (nuint)width * (nuint)height);
        for (long i = 0, n = (long)width * height; i < n; i++) _binary[i] = prob[i] > binaryThreshold ? (byte)255 : (byte)0;

        nint image = 0, array = 0, contours = NativeMethods.vector_vector_Point_new1();
        try
        {
            Check(NativeMethods.core_Mat_new8(height, width, MatType.CV_8UC1, (nint)_binary, width, out image), "Mat");
            Check(NativeMethods.core_OutputArray_new_byMat(image, out array), "InputOutputArray"); // what findContours takes
            Check(NativeMethods.imgproc_findContours2_vector(array, contours, (int)RetrievalModes.External, (int)ContourApproximationModes.ApproxSimple, new Point(0, 0)), "findContours");
            int count = (int)NativeMethods.vector_vector_Point_getSize1(contours);
            if (count == 0) return;
            if (_sizes.Length < count)
            {
                _sizes = new UIntPtr[count * 2];
                _starts = new IntPtr[count * 2];
            }
            NativeMethods.vector_vector_Point_getSize2(contours, _sizes);
            long total = 0;
            for (int i = 0; i < count; i++) total += (long)_sizes[i];
            if (_points.Length < total) _points = GC.AllocateArray<Point>((int)total * 2, pinned: true);
            fixed (Point* points = _points)
            {
                long offset = 0;
                for (int i = 0; i < count; i++)
                {
                    _starts[i] = (IntPtr)(points + offset);
                    offset += (long)_sizes[i];
                }
                NativeMethods.vector_vector_Point_copy(contours, _starts);
                for (int i = 0; i < count; i++)
                {
                    int length = (int)_sizes[i];
                    if (length >= 3) Score(new ReadOnlySpan<Point>((Point*)_starts[i], length), prob, width, boxThreshold, unclipRatio, into);
                }
            }
        }
        finally
        {
            if (array != 0) NativeMethods.core_OutputArray_delete(array);
            if (image != 0) NativeMethods.core_Mat_delete(image);
            NativeMethods.vector_vector_Point_delete(contours);
        }
    }

    private void Score(ReadOnlySpan<Point> contour, float* prob, int width, float boxThreshold, float unclipRatio, List<TextRegion> into)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        foreach (var p in contour)
        {
            x0 = Math.Min(x0, p.X); y0 = Math.Min(y0, p.Y);
            x1 = Math.Max(x1, p.X); y1 = Math.Max(y1, p.Y);
        }
        int w = x1 - x0 + 1, h = y1 - y0 + 1; // boundingRect includes the last pixel
        if (w < 2 || h < 2) return;
        float score = MeanInside(contour, prob, width, x0, y0, w, h);
        if (score < boxThreshold) return;
        double area = 0, perimeter = 0;
        for (int i = 0; i < contour.Length; i++)
        {
            Point a = contour[i], b = contour[(i + 1) % contour.Length];
            area += (double)a.X * b.Y - (double)b.X * a.Y;
            double dx = b.X - a.X, dy = b.Y - a.Y;
            perimeter += Math.Sqrt(dx * dx + dy * dy);
        }
        area = Math.Abs(area) / 2;
        float grow = perimeter > 0 ? (float)(area * unclipRatio / perimeter) : 0;
        into.Add(new TextRegion(x0 - grow, y0 - grow, x0 + w + grow, y0 + h + grow, score));
    }

    /// <summary>The mean probability over the pixels the filled polygon covers.</summary>
    private float MeanInside(ReadOnlySpan<Point> contour, float* prob, int width, int x0, int y0, int w, int h)
    {
        Ensure(ref _mask, ref _maskCapacity, (nuint)w * (nuint)h);
        new Span<byte>(_mask, w * h).Clear();
        nint mask = 0;
        try
        {
            Check(NativeMethods.core_Mat_new8(h, w, MatType.CV_8UC1, (nint)_mask, w, out mask), "Mat");
            fixed (Point* points = contour)
            {
                _polygon[0] = (IntPtr)points;
                _polygonCount[0] = contour.Length;
                Check(NativeMethods.imgproc_fillPoly_Mat(mask, _polygon, _polygonCount, 1, Scalar.All(1), (int)LineTypes.Link8, 0, new Point(-x0, -y0)), "fillPoly");
            }
        }
        finally
        {
            if (mask != 0) NativeMethods.core_Mat_delete(mask);
        }
        double sum = 0;
        int inside = 0;
        for (int y = 0; y < h; y++)
        {
            byte* m = _mask + (long)y * w;
            float* row = prob + (long)(y0 + y) * width + x0;
            for (int x = 0; x < w; x++)
            {
                if (m[x] == 0) continue;
                sum += row[x];
                inside++;
            }
        }
        return inside > 0 ? (float)(sum / inside) : 0;
    }

    private static void Ensure(ref byte* buffer, ref nuint capacity, nuint needed)
    {
        if (needed <= capacity) return;
        NativeMemory.Free(buffer);
        capacity = Math.Max(needed, capacity + capacity / 2);
        buffer = (byte*)NativeMemory.Alloc(capacity);
    }

    private static void Check(ExceptionStatus status, string call)
    {
        if (status == ExceptionStatus.NotOccurred) return;
        NativeMethods.HandleException(status); // throws OpenCV's own message
        throw new InvalidOperationException($"OpenCV {call} failed ({status})");
    }

    public void Dispose()
    {
        NativeMemory.Free(_binary);
        NativeMemory.Free(_mask);
        _binary = _mask = null;
    }
}
