using Veil.Media.Codecs;
using Veil.Media.Interop;

namespace Veil.Media.Tests.Codecs;

/// <summary>Keyframes follow the frames' clock, whatever frame rate the source claimed.</summary>
public sealed class GopClockTests
{
    [Fact]
    public void A_keyframe_is_due_first_and_then_every_gop_of_time_on_a_millisecond_clock()
    {
        var clock = new GopClock(2.0, new AvRational(1, 1000));
        var keys = new List<long>();
        // 25 frames a second with a jitter of a few milliseconds, as a WebRTC publish arrives.
        for (long n = 0; n < 250; n++)
        {
            long pts = n * 40 + n % 3;
            if (!clock.Due(pts)) continue;
            clock.Keyframe(pts);
            keys.Add(pts);
        }
        Assert.Equal(5, keys.Count);
        Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 2000, 2040));
    }

    [Fact]
    public void The_encoders_own_keyframe_restarts_the_gop_and_a_step_back_in_time_asks_for_one()
    {
        var clock = new GopClock(2.0, new AvRational(1, 90000));
        Assert.True(clock.Due(0));
        clock.Keyframe(0);
        clock.Keyframe(90000); // a scene cut at 1 s
        Assert.False(clock.Due(2 * 90000));
        Assert.True(clock.Due(3 * 90000));
        Assert.True(clock.Due(45000)); // timestamps went back (a new publisher): start clean
    }
}
