using Veil.Media.Demux;
using Veil.Media.Interop;

namespace Veil.Media.Pipeline;

/// <summary>Ends the input after a span of its own time, measured from its first video packet.</summary>
internal sealed class DurationLimit(TimeSpan max)
{
    private double _first = double.NaN;

    public bool IsReached { get; private set; }

    public bool Reached(MediaPacket packet)
    {
        long ts = packet.Pts != AvConst.AV_NOPTS_VALUE ? packet.Pts : packet.Dts;
        if (ts == AvConst.AV_NOPTS_VALUE) return false;
        double seconds = ts * packet.TimeBase.ToDouble();
        if (double.IsNaN(_first)) _first = seconds;
        IsReached |= seconds - _first >= max.TotalSeconds;
        return IsReached;
    }
}
