using Veil.Vision.Detectors;

namespace Veil.Vision.Tests.Detectors;

public sealed class DetectionCadenceTests
{
    public static TheoryData<int, int, int, int, int> Cadences => new()
    {
        { 1, 3, 2, 4, 12 },
        { 1, 4, 3, 6, 12 },
        { 2, 8, 4, 8, 24 },
    };

    [Theory]
    [MemberData(nameof(Cadences))]
    public void Each_model_runs_at_its_rate_and_plate_crops_always_find_this_frames_vehicles(int faces, int large, int objects, int crops, int whole)
    {
        var c = new DetectionCadence(faces, large, objects, crops, whole);
        c.Validate();
        const int Frames = 240;
        var counts = new int[6];
        for (long f = 1; f <= Frames; f++)
        {
            if (c.FacesDue(f)) counts[0]++;
            if (c.LargeFacesDue(f)) counts[1]++;
            if (c.ObjectsDue(f)) counts[2]++;
            if (c.PlateCropsDue(f)) counts[3]++;
            if (c.PlateFrameHalfDue(f, 0)) counts[4]++;
            if (c.PlateFrameHalfDue(f, 1)) counts[5]++;
            if (c.PlateCropsDue(f)) Assert.True(c.ObjectsDue(f), $"frame {f}: plate crops due without the object pass");
            if (c.LargeFacesDue(f)) Assert.True(c.FacesDue(f), $"frame {f}: large faces due without the face pass");
        }
        Assert.Equal([Frames / faces, Frames / large, Frames / objects, Frames / crops, Frames / whole, Frames / whole], counts);
    }

    [Fact]
    public void A_large_face_cadence_that_misses_face_frames_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new DetectionCadence(2, 3, 2, 4, 12).Validate());
        Assert.Contains("multiple of the faces'", e.Message);
    }

    [Theory]
    [InlineData("live")]
    [InlineData("fast")]
    public void The_slow_passes_of_a_preset_never_all_fall_on_one_frame_after_the_first(string preset)
    {
        var c = preset == "live" ? DetectionCadence.Live : DetectionCadence.Fast;
        for (long f = 1; f < 600; f++)
        {
            Assert.False(c.PlateFrameDue(f) && (c.LargeFacesDue(f) || c.ObjectsDue(f)), $"frame {f}: the whole-frame text pass shares the frame with another slow pass");
            Assert.False(c.LargeFacesDue(f) && c.PlateCropsDue(f) && c.PlateFrameDue(f), $"frame {f} carries every slow pass");
            Assert.False(c.PlateFrameHalfDue(f, 0) && c.PlateFrameHalfDue(f, 1), $"frame {f} carries both halves of the whole-frame text pass");
        }
    }

    [Fact]
    public void The_first_frame_runs_every_model()
    {
        var c = DetectionCadence.Live;
        Assert.True(c.FacesDue(0) && c.LargeFacesDue(0) && c.ObjectsDue(0) && c.PlateCropsDue(0) && c.PlateFrameHalfDue(0, 0) && c.PlateFrameHalfDue(0, 1));
    }
}
