using Veil.Media.Pipeline;

namespace Veil.Server.Serve;

/// <summary>
/// A stream's encoded video handed to any number of viewers (WHEP sessions) that come and go while
/// it runs. Copy-on-write list: the mux thread reads it without a lock; a viewer that throws is
/// the viewer's problem and is left out of the rest of that packet only.
/// </summary>
internal sealed class EncodedVideoFanout : IEncodedVideoTap
{
    private IEncodedVideoTap[] _viewers = [];
    private readonly object _gate = new();

    public int Count => Volatile.Read(ref _viewers).Length;

    public void Add(IEncodedVideoTap viewer)
    {
        lock (_gate) _viewers = [.. _viewers, viewer];
    }

    public void Remove(IEncodedVideoTap viewer)
    {
        lock (_gate) _viewers = _viewers.Where(v => v != viewer).ToArray();
    }

    public void OnVideo(ReadOnlySpan<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets)
    {
        foreach (var viewer in Volatile.Read(ref _viewers))
        {
            try { viewer.OnVideo(annexB, ptsMicros, keyframe, parameterSets); }
            catch (Exception) { } // a viewer's own failure ends that viewer's session, not the stream
        }
    }
}
