namespace Veil.WebRtc.Tests.Rtp;

/// <summary>A clock that only moves when the test says so.</summary>
public sealed class ManualTime : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => ticks;
    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
