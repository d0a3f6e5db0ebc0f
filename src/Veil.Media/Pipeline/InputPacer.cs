using System.Diagnostics;
using Veil.Media.Demux;
using Veil.Media.Interop;

namespace Veil.Media.Pipeline;

/// <summary>Holds packets back until the wall clock reaches their timestamp (ffmpeg's -re).</summary>
internal sealed class InputPacer
{
    private long _startTicks;
    private double _firstSeconds = double.NaN;

    public void Wait(MediaPacket packet, CancellationToken ct)
    {
        long ts = packet.Dts != AvConst.AV_NOPTS_VALUE ? packet.Dts : packet.Pts;
        if (ts == AvConst.AV_NOPTS_VALUE) return;
        double seconds = ts * packet.TimeBase.ToDouble();
        if (double.IsNaN(_firstSeconds))
        {
            _firstSeconds = seconds;
            _startTicks = Stopwatch.GetTimestamp();
            return;
        }
        var due = TimeSpan.FromSeconds(seconds - _firstSeconds) - Stopwatch.GetElapsedTime(_startTicks);
        if (due > TimeSpan.FromMilliseconds(1) && ct.WaitHandle.WaitOne(due)) ct.ThrowIfCancellationRequested();
    }
}
