using Veil.Core.Frames;
using Veil.Vision.Masks;
using Veil.Vision.Redaction;
using Veil.Vision.Tests.Support;
using static Veil.Vision.Tests.Redaction.PlaneRedactorTests;

namespace Veil.Vision.Tests.Redaction;

public sealed class StaticMaskProcessorTests
{
    [Fact]
    public void Applies_every_mask_with_its_own_style_on_pooled_frames()
    {
        using var pool = new FramePool(400, 225, NativeFrameBuffer.Allocate);
        using var photo = TestImages.LoadFacePhoto();
        var masks = new[]
        {
            new PrivacyMask("door", new MaskRect(10, 10, 40, 60), style: RedactionStyle.Fill),
            new PrivacyMask("window", new MaskRect(0.5, 0.5, 0.25, 0.2), MaskUnits.Relative),
        };
        using var processor = new StaticMaskProcessor(masks);

        for (int i = 0; i < 3; i++)
        {
            var frame = pool.Rent();
            TestFrame.Write(photo, frame.Planes);
            processor.Process(frame);

            var y = Copy(frame);
            AssertConstant(y, new OpenCvSharp.Rect(10, 10, 40, 60), 16);
            // 0.5..0.75 of 400 and 0.5..0.7 of 225: x 200..300, y 112..158, mosaic of 8x4 blocks.
            var window = new OpenCvSharp.Rect(200, 112, 100, 46);
            Assert.InRange(y.MaxRunsAcross(window), 1, 8);
            Assert.NotEqual(16, y[60, 10]);
            frame.Release();
        }
        Assert.Equal(1, pool.Allocated);
    }

    [Fact]
    public void A_mask_outside_the_frame_is_reported_before_the_first_frame()
    {
        using var processor = new StaticMaskProcessor([new PrivacyMask("door", new MaskRect(2000, 10, 50, 50))]);

        var e = Assert.Throws<ArgumentException>(() => processor.RegionsFor(1280, 720));
        Assert.Contains("mask \"door\"", e.Message);
        Assert.Contains("1280x720", e.Message);
    }

    [Fact]
    public void Regions_are_resolved_again_when_the_frame_size_changes()
    {
        using var processor = new StaticMaskProcessor([new PrivacyMask("half", new MaskRect(0, 0, 0.5, 0.5), MaskUnits.Relative)]);

        Assert.Equal(640, processor.RegionsFor(1280, 720)[0].Bounds.Width);
        Assert.Equal(960, processor.RegionsFor(1920, 1080)[0].Bounds.Width);
    }

    private static unsafe PlaneImage Copy(VideoFrame frame)
    {
        var planes = frame.Planes;
        var data = new byte[frame.Width * frame.Height];
        for (int row = 0; row < frame.Height; row++) planes.YRow(row).CopyTo(data.AsSpan(row * frame.Width));
        return new PlaneImage(data, frame.Width, frame.Height);
    }
}
