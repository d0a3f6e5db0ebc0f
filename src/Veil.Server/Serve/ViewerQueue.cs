using System.Buffers;
using Microsoft.Extensions.Logging;
using Veil.Media.Pipeline;

namespace Veil.Server.Serve;

/// <summary>
/// One viewer's access units, sent on its own thread: the mux thread copies each unit once into a
/// pooled buffer and returns. A viewer that falls behind overflows only its own queue; it then
/// skips to the next keyframe (and asks the encoder for one), as RTMP destinations resync, and
/// never holds up the stream or the other viewers. The sending loop has a thread of its own: on a
/// thread-pool task it waited seconds for a thread while detection kept the cores busy (glass to
/// glass p95 9 s in `veil bench --webrtc`).
/// </summary>
internal sealed class ViewerQueue
{
    private const int Capacity = 50; // two seconds at 25 fps
    private readonly StageQueue<AccessUnit> _units = new(Capacity, CancellationToken.None);
    private readonly KeyframeRequests _keyframes;
    private readonly ILogger _log;
    private bool _resync;
    private volatile bool _done; // removed, or the viewer failed: nothing more is queued or asked for

    public ViewerQueue(IVideoViewer viewer, KeyframeRequests keyframes, ILogger log)
    {
        Viewer = viewer;
        _keyframes = keyframes;
        _log = log;
        new Thread(Send) { IsBackground = true, Name = "whep viewer" }.Start();
    }

    public IVideoViewer Viewer { get; }

    /// <summary>On the mux thread: queues a copy of the unit, or drops it (see the class).</summary>
    public void Offer(ReadOnlySpan<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets)
    {
        if (_done || (_resync && !keyframe)) return;
        var unit = AccessUnit.Copy(annexB, ptsMicros, keyframe, keyframe ? parameterSets : default);
        if (_units.TryAdd(unit))
        {
            _resync = false;
            return;
        }
        unit.Return();
        if (_done) return;
        _resync = true;
        _keyframes.Request();
    }

    public void Complete()
    {
        _done = true;
        _units.Complete();
    }

    private void Send()
    {
        bool failed = false;
        while (_units.TryTake(out var unit))
        {
            try { if (!failed) Viewer.Send(unit.Data, unit.PtsMicros, unit.Keyframe, unit.ParameterSetsSpan); }
            catch (Exception e)
            {
                StreamLog.ViewerFailed(_log, e.Message);
                failed = true;
                Complete();
            }
            finally { unit.Return(); }
        }
        _units.Dispose();
    }

    private readonly record struct AccessUnit(byte[] Buffer, int Length, long PtsMicros, bool Keyframe, byte[]? ParameterSets)
    {
        public ReadOnlyMemory<byte> Data => Buffer.AsMemory(0, Length);
        public ReadOnlySpan<byte> ParameterSetsSpan => ParameterSets;

        public static AccessUnit Copy(ReadOnlySpan<byte> data, long pts, bool keyframe, ReadOnlySpan<byte> parameterSets)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
            data.CopyTo(buffer);
            return new AccessUnit(buffer, data.Length, pts, keyframe, parameterSets.IsEmpty ? null : parameterSets.ToArray());
        }

        public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
    }
}
