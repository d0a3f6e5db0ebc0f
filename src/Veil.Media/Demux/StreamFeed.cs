using System.Buffers;
using System.Diagnostics;
using Veil.Media.Interop;

namespace Veil.Media.Demux;

/// <summary>
/// Bytes of a container stream handed to FFmpeg by Veil itself (an RTMP publisher's FLV, a gRPC
/// camera's H.264, a WHIP session's Matroska): the ingest writes, the demuxer reads through a
/// custom AVIOContext. Bounded: a writer ahead of the pipeline awaits room (back-pressure onto its
/// connection, without holding a thread). Bytes are copied into pooled segments, and the time each
/// write arrived is kept, so latency counts from the socket. Completing ends the input cleanly.
/// </summary>
public sealed class StreamFeed
{
    private const int SegmentBytes = 64 << 10;
    private readonly object _gate = new();
    private readonly Queue<byte[]> _segments = new();
    private readonly FeedArrivals _arrivals = new();
    private readonly long _capacity;
    private byte[]? _tail;
    private int _readOffset, _tailLength;
    private long _buffered, _written, _read;
    private bool _completed, _aborted;
    private TaskCompletionSource? _room;
    private long _windowStart = Environment.TickCount64, _windowBytes;

    public StreamFeed(long capacityBytes = 8 << 20) => _capacity = capacityBytes;

    /// <summary>The demuxer that reads these bytes: "flv" (RTMP), "h264", "mjpeg", "rawvideo" (gRPC), "matroska" (WHIP), "mpegts" (SRT).</summary>
    public string Format { get; init; } = "flv";

    /// <summary>Its options (rawvideo: video_size, pixel_format, framerate).</summary>
    public IReadOnlyDictionary<string, string> DemuxerOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>The most a publisher may send, in bytes per second over 5 s windows (0: no limit).</summary>
    public long MaxBytesPerSecond { get; init; }

    /// <summary>True when the reader gave up waiting (<see cref="InputOptions.ReadTimeout"/>).</summary>
    public bool TimedOut { get; private set; }

    /// <summary>The writer finished (<see cref="Complete"/>) or the reader stopped (<see cref="Abort"/>).</summary>
    public bool IsClosed
    {
        get { lock (_gate) return _completed || _aborted; }
    }

    /// <summary>When the last bytes were written (Stopwatch ticks; 0 before the first).</summary>
    public long LastWriteTimestamp { get; private set; }

    /// <summary>How long since the last bytes were written (since the feed was made, before any).</summary>
    public TimeSpan SilentFor => Stopwatch.GetElapsedTime(LastWriteTimestamp != 0 ? LastWriteTimestamp : _created);

    private readonly long _created = Stopwatch.GetTimestamp();

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten
    {
        get { lock (_gate) return _written; }
    }

    /// <summary>Bytes the demuxer has read so far.</summary>
    internal long BytesRead
    {
        get { lock (_gate) return _read; }
    }

    /// <summary>Appends a copy of the bytes, waiting while the feed is full; throws once the reader has gone.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        while (true)
        {
            Task room;
            lock (_gate)
            {
                if (TryAppend(data, out room!)) return;
            }
            room.Wait();
        }
    }

    /// <summary>Appends a copy of the bytes, awaiting room while the feed is full; throws once the reader has gone.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        Task room;
        lock (_gate)
        {
            if (TryAppend(data.Span, out room!)) return ValueTask.CompletedTask;
        }
        return WaitAndWriteAsync(room, data, ct);
    }

    private async ValueTask WaitAndWriteAsync(Task room, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (true)
        {
            await room.WaitAsync(ct).ConfigureAwait(false);
            lock (_gate)
            {
                if (TryAppend(data.Span, out room!)) return;
            }
        }
    }

    /// <summary>Appends a copy unless the feed is full (a live source that cannot wait); false when it did not.</summary>
    public bool TryWrite(ReadOnlySpan<byte> data)
    {
        lock (_gate) return TryAppend(data, out _);
    }

    /// <summary>Appends when there is room; otherwise hands back a task that completes when there may be. Under the lock.</summary>
    private bool TryAppend(ReadOnlySpan<byte> data, out Task? room)
    {
        room = null;
        if (_aborted) throw new OperationCanceledException("the stream's pipeline stopped reading");
        if (_completed) throw new InvalidOperationException("the feed was completed");
        if (_buffered >= _capacity)
        {
            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            room = _room.Task;
            return false;
        }
        if (MaxBytesPerSecond > 0) Meter(data.Length);
        while (data.Length > 0)
        {
            if (_tail is null || _tailLength == _tail.Length)
            {
                _tail = ArrayPool<byte>.Shared.Rent(SegmentBytes);
                _tailLength = 0;
                _segments.Enqueue(_tail);
            }
            int n = Math.Min(data.Length, _tail.Length - _tailLength);
            data[..n].CopyTo(_tail.AsSpan(_tailLength));
            _tailLength += n;
            _buffered += n;
            _written += n;
            data = data[n..];
        }
        LastWriteTimestamp = Stopwatch.GetTimestamp();
        _arrivals.Add(_written, LastWriteTimestamp);
        Monitor.PulseAll(_gate);
        return true;
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
            throw new FeedLimitException($"the publisher sends more than {MaxBytesPerSecond * 8 / 1000} kbit/s (the ingest limit)");
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

    /// <summary>The reader stops: a waiting writer is released with an error, a waiting read returns, the buffers go back to the pool.</summary>
    public void Abort()
    {
        TaskCompletionSource? room;
        lock (_gate)
        {
            _aborted = true;
            while (_segments.TryDequeue(out var segment)) ArrayPool<byte>.Shared.Return(segment);
            _tail = null;
            _buffered = 0;
            room = _room;
            _room = null;
            Monitor.PulseAll(_gate);
        }
        room?.TrySetResult();
    }

    /// <summary>When the byte at <paramref name="position"/> (counted from the feed's start) was written, in Stopwatch ticks; 0 when unknown.</summary>
    public long ArrivalOf(long position)
    {
        lock (_gate) return _arrivals.TimeOf(position < 0 ? _read - 1 : position);
    }

    /// <summary>Copies up to <paramref name="size"/> bytes; AVERROR_EOF at the end, after an abort, or after <paramref name="timeout"/> with nothing.</summary>
    internal unsafe int Read(byte* buffer, int size, TimeSpan timeout)
    {
        TaskCompletionSource? room;
        int copied = 0;
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            if (TimedOut && _buffered == 0) return AvConst.AVERROR_EOF; // one wait is the stall: a demuxer reading again must not double it
            while (_buffered == 0 && !_completed && !_aborted)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) { TimedOut = true; return AvConst.AVERROR_EOF; }
                Monitor.Wait(_gate, left);
            }
            if (_aborted || _buffered == 0) return AvConst.AVERROR_EOF;
            while (copied < size && _buffered > 0)
            {
                var head = _segments.Peek();
                int end = head == _tail ? _tailLength : head.Length;
                int n = Math.Min(size - copied, end - _readOffset);
                head.AsSpan(_readOffset, n).CopyTo(new Span<byte>(buffer + copied, n));
                copied += n;
                _readOffset += n;
                _buffered -= n;
                if (_readOffset == head.Length)
                {
                    ArrayPool<byte>.Shared.Return(_segments.Dequeue());
                    if (head == _tail) _tail = null;
                    _readOffset = 0;
                }
            }
            _read += copied;
            room = _buffered < _capacity ? _room : null;
            if (room is not null) _room = null;
        }
        room?.TrySetResult();
        return copied;
    }
}
