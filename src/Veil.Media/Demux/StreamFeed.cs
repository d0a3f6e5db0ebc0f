using Veil.Media.Interop;

namespace Veil.Media.Demux;

/// <summary>
/// Bytes of a container stream handed to FFmpeg by Veil itself (an RTMP publisher's video, as FLV):
/// the producer writes, the demuxer reads through a custom AVIOContext. Bounded: a producer ahead
/// of the pipeline waits (back-pressure onto its connection). Completing ends the input cleanly.
/// </summary>
public sealed class StreamFeed
{
    private readonly object _gate = new();
    private readonly Queue<byte[]> _chunks = new();
    private readonly long _capacity;
    private int _offset;
    private long _buffered;
    private bool _completed, _aborted;

    public StreamFeed(long capacityBytes = 8 << 20) => _capacity = capacityBytes;

    /// <summary>The demuxer that reads these bytes: "flv" (RTMP), "h264", "mjpeg", "rawvideo" (gRPC).</summary>
    public string Format { get; init; } = "flv";

    /// <summary>Its options (rawvideo: video_size, pixel_format, framerate).</summary>
    public IReadOnlyDictionary<string, string> DemuxerOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>The most a publisher may send, in bytes per second over 5 s windows (0: no limit).</summary>
    public long MaxBytesPerSecond { get; init; }

    private long _windowStart = Environment.TickCount64, _windowBytes;

    /// <summary>True when the reader gave up waiting (<see cref="InputOptions.ReadTimeout"/>).</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Appends a copy of the bytes, waiting while the feed is full; throws once the reader has gone.</summary>
    public void Write(ReadOnlySpan<byte> data) => WriteOwned(data.ToArray());

    /// <summary>Appends <paramref name="chunk"/> itself (no copy): the caller built it for the feed and lets go of it.</summary>
    public void WriteOwned(byte[] chunk)
    {
        if (MaxBytesPerSecond > 0) Meter(chunk.Length);
        lock (_gate)
        {
            while (_buffered >= _capacity && !_aborted) Monitor.Wait(_gate);
            if (_aborted) throw new OperationCanceledException("the stream's pipeline stopped reading");
            if (_completed) throw new InvalidOperationException("the feed was completed");
            _chunks.Enqueue(chunk);
            _buffered += chunk.Length;
            Monitor.PulseAll(_gate);
        }
    }

    private void Meter(int bytes)
    {
        const long Window = 5000;
        long now = Environment.TickCount64;
        if (now - _windowStart >= Window)
        {
            _windowStart = now;
            _windowBytes = 0;
        }
        _windowBytes += bytes;
        if (_windowBytes > MaxBytesPerSecond * Window / 1000)
            throw new InvalidOperationException($"the publisher sends more than {MaxBytesPerSecond * 8 / 1000} kbit/s (the ingest limit)");
    }

    /// <summary>No more bytes: the demuxer reaches the end of its input.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The reader stops: a waiting writer is released with an error, a waiting read returns.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            _aborted = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Copies up to <paramref name="size"/> bytes; AVERROR_EOF at the end, after an abort, or after <paramref name="timeout"/> with nothing.</summary>
    internal unsafe int Read(byte* buffer, int size, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_chunks.Count == 0 && !_completed && !_aborted)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) { TimedOut = true; return AvConst.AVERROR_EOF; }
                Monitor.Wait(_gate, left);
            }
            if (_aborted || _chunks.Count == 0) return AvConst.AVERROR_EOF;
            int copied = 0;
            while (copied < size && _chunks.Count > 0)
            {
                var chunk = _chunks.Peek();
                int n = Math.Min(size - copied, chunk.Length - _offset);
                chunk.AsSpan(_offset, n).CopyTo(new Span<byte>(buffer + copied, n));
                copied += n;
                _offset += n;
                if (_offset == chunk.Length) { _chunks.Dequeue(); _offset = 0; }
            }
            _buffered -= copied;
            Monitor.PulseAll(_gate);
            return copied;
        }
    }
}
