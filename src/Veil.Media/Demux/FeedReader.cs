using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Veil.Media.Interop;

namespace Veil.Media.Demux;

/// <summary>
/// The AVIOContext through which FFmpeg reads a <see cref="StreamFeed"/>: a native read callback
/// that finds the feed through a GC handle. Freed after the format context is closed.
/// </summary>
internal sealed unsafe class FeedReader : IDisposable
{
    private GCHandle _self;
    private nint _pb;
    private TimeSpan _timeout;

    public FeedReader(StreamFeed feed, TimeSpan openTimeout)
    {
        Feed = feed;
        _timeout = openTimeout;
        _self = GCHandle.Alloc(this);
    }

    public StreamFeed Feed { get; }

    public void Attach(nint formatContext)
    {
        _pb = Shim.veil_fmt_set_reader(formatContext, &Read, GCHandle.ToIntPtr(_self));
        if (_pb == 0) throw new OutOfMemoryException("avio_alloc_context");
    }

    /// <summary>Once open, reads wait this long for data before the input counts as stalled.</summary>
    public void ReadTimeout(TimeSpan timeout) => _timeout = timeout;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(nint opaque, byte* buffer, int size)
    {
        var reader = (FeedReader)GCHandle.FromIntPtr(opaque).Target!;
        return reader.Feed.Read(buffer, size, reader._timeout);
    }

    public void Dispose()
    {
        Shim.veil_avio_free(_pb);
        _pb = 0;
        if (_self.IsAllocated) _self.Free();
    }
}
