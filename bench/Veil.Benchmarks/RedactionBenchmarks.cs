using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Redaction;

namespace Veil.Benchmarks;

/// <summary>
/// One region redacted in place on a 1280x720 I420 frame (0.92 MP), per style, region size and
/// shape. A 1280x720 region is the whole frame, as when fail-closed obscures everything. The
/// Mpx/s column puts the sizes on one scale.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class RedactionBenchmarks
{
    private const int FrameWidth = 1280;
    private const int FrameHeight = 720;
    private NativeFrameBuffer _frame = null!;
    private PlaneRedactor _redactor = null!;
    private RedactionRegion _region;

    [Params(RedactionStyle.Mosaic, RedactionStyle.Blur, RedactionStyle.Pixelate, RedactionStyle.Fill)]
    public RedactionStyle Style { get; set; }

    [Params("64x64", "256x256", "1280x720")]
    public string Region { get; set; } = "64x64";

    [Params(false, true)]
    public bool Polygon { get; set; }

    [GlobalSetup]
    public unsafe void Setup()
    {
        _frame = new NativeFrameBuffer(FrameWidth, FrameHeight);
        var planes = _frame.Planes;
        // Texture rather than a flat frame, though none of the kernels' cost depends on content.
        FillNoise(planes.Y, planes.YStride, FrameWidth, FrameHeight);
        FillNoise(planes.U, planes.UStride, planes.ChromaWidth, planes.ChromaHeight);
        FillNoise(planes.V, planes.VStride, planes.ChromaWidth, planes.ChromaHeight);
        _redactor = new PlaneRedactor(new RedactionOptions { Style = Style, MarginFraction = 0 });
        var (w, h) = ParseSize(Region);
        int x = (FrameWidth - w) / 2, y = (FrameHeight - h) / 2;
        _region = Polygon
            ? RedactionRegion.FromPolygon([(x + w / 2, y), (x + w - 1, y + h / 2), (x + w / 2, y + h - 1), (x, y + h / 2)], "diamond")
            : RedactionRegion.Rectangle(new PixelRect(x, y, w, h), "box");
    }

    [Benchmark]
    public void Redact() => _redactor.Redact(_frame.Planes, _region);

    [GlobalCleanup]
    public void Cleanup()
    {
        _redactor.Dispose();
        _frame.Dispose();
    }

    internal static (int Width, int Height) ParseSize(string size)
    {
        var parts = size.Split('x');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    private static unsafe void FillNoise(byte* plane, int stride, int width, int height)
    {
        using var mat = Mat.FromPixelData(height, width, MatType.CV_8UC1, (IntPtr)plane, stride);
        Cv2.Randu(mat, Scalar.All(0), Scalar.All(255));
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MegapixelsPerSecondColumn());
    }
}
