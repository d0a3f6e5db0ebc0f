using Microsoft.Extensions.Logging;
using Veil.Media.Demux;
using Veil.Media.Interop;
using Veil.Media.Mux;

namespace Veil.Media.Pipeline;

/// <summary>Where one destination of a live stream is: connecting, sending, or waiting to reconnect.</summary>
public enum DestinationState
{
    Connecting,
    Sending,
    Retrying,
    Finished,
}

/// <summary>What the API shows of one destination.</summary>
public sealed record DestinationStatus(string Url, DestinationState State, long SentPackets, long DroppedPackets, int Connections, string? LastError);

/// <summary>
/// One destination of a live stream, on its own thread with its own queue: it connects, sends, and
/// when the server goes away it reconnects with backoff (0.5 s doubling to 4 s) while the stream
/// and the other destinations go on. Packets are never waited for: while it is not sending, or its
/// queue is full, it drops them, and it starts again at the next video keyframe (a decoder needs
/// one). The muxer is rebuilt on each connection by <c>open</c>, with the same streams.
/// </summary>
internal sealed class Destination : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(4);
    private readonly Func<IPacketSink> _open;
    private readonly PacketPool _pool;
    private readonly long _startOffsetUs;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly StageQueue<(MediaPacket Packet, int Stream)> _queue;
    private readonly Thread _thread;
    private const int MaxHeldAudio = 256;
    private readonly Queue<(MediaPacket Packet, int Stream)> _heldAudio = new();
    private bool _videoStarted;
    private volatile bool _sending = true; // the first connection is being made: its packets wait in the queue
    private volatile bool _awaitKeyframe = true;
    private volatile bool _ending;
    private volatile IPacketSink? _output;
    private long _sent, _dropped;
    private int _connections;

    public Destination(string url, Func<IPacketSink> open, PacketPool pool, long startOffsetUs, ILogger log, int capacity = 512)
    {
        Url = url;
        _open = open;
        _pool = pool;
        _startOffsetUs = startOffsetUs;
        _log = log;
        _queue = new StageQueue<(MediaPacket, int)>(capacity, _stop.Token);
        _thread = new Thread(Run) { IsBackground = true, Name = "veil-destination" };
        _thread.Start();
    }

    public string Url { get; }
    public DestinationState State { get; private set; } = DestinationState.Connecting;
    public string? LastError { get; private set; }

    public DestinationStatus Status => new(Url, State, Interlocked.Read(ref _sent), Interlocked.Read(ref _dropped), Volatile.Read(ref _connections), LastError);

    /// <summary>Queues a reference to the packet for this destination, or drops it; never blocks.</summary>
    public void Offer(MediaPacket source, int stream, bool isVideo)
    {
        if (!_sending)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        if (_awaitKeyframe && !(isVideo && source.IsKeyframe))
        {
            // Audio runs ahead of video (video waits for detection): keep it until video starts, or it is lost.
            if (!isVideo && _heldAudio.Count < MaxHeldAudio) _heldAudio.Enqueue(Copy(source, stream));
            else Interlocked.Increment(ref _dropped);
            return;
        }
        if (_awaitKeyframe) QueueHeldAudio(source);
        var copy = Copy(source, stream);
        if (_queue.TryAdd(copy))
        {
            _awaitKeyframe = false;
            return;
        }
        _pool.Return(copy.Packet);
        _awaitKeyframe = true; // a gap: the far decoder needs a keyframe to go on
        Interlocked.Increment(ref _dropped);
    }

    private (MediaPacket Packet, int Stream) Copy(MediaPacket source, int stream)
    {
        var copy = _pool.Rent();
        copy.RefFrom(source);
        return (copy, stream);
    }

    /// <summary>
    /// Video starts at <paramref name="keyframe"/>: the audio held for it goes first (the muxer
    /// interleaves by time). At the start of the output all of it, so the output starts with the
    /// source's first audio; after a gap only what is not older than the keyframe (older audio
    /// would play over no picture).
    /// </summary>
    private void QueueHeldAudio(MediaPacket keyframe)
    {
        long start = _videoStarted ? Micros(keyframe.Pts, keyframe.TimeBase) : long.MinValue;
        _videoStarted = true;
        while (_heldAudio.TryDequeue(out var held))
        {
            if (Micros(held.Packet.Pts, held.Packet.TimeBase) < start || !_queue.TryAdd(held))
            {
                _pool.Return(held.Packet);
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    private static long Micros(long pts, AvRational timeBase) => pts == AvConst.AV_NOPTS_VALUE ? long.MinValue : pts * 1_000_000L * timeBase.Num / timeBase.Den;

    /// <summary>
    /// No more packets: the destination's thread sends what it has queued and finishes its output
    /// (an MP4's index, a Matroska's last cluster); one that is waiting to reconnect gives up.
    /// Does not wait; <see cref="Complete"/> does.
    /// </summary>
    public void EndInput()
    {
        _ending = true;
        _queue.Complete();
    }

    /// <summary>Ends the input and waits at most <paramref name="wait"/> for the output to be finished, then stops it.</summary>
    public void Complete(TimeSpan wait)
    {
        EndInput();
        if (!_thread.Join(wait)) Stop();
    }

    private void Run()
    {
        int failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                State = failures == 0 ? DestinationState.Connecting : State;
                _output = _open();
                Interlocked.Increment(ref _connections);
                if (failures > 0) MediaLog.DestinationBack(_log, Url);
                failures = 0;
                _sending = true; // after a failure: from the next keyframe on (the first connection's packets are queued already)
                State = DestinationState.Sending;
                while (_queue.TryTake(out var item))
                {
                    try { _output.Write(item.Packet, item.Stream, _startOffsetUs); }
                    finally { _pool.Return(item.Packet); }
                    Interlocked.Increment(ref _sent);
                }
                _output.Finish();
                State = DestinationState.Finished;
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _sending = false;
                _awaitKeyframe = true;
                LastError = e.Message;
                State = DestinationState.Retrying;
                failures++;
                MediaLog.DestinationFailed(_log, Url, e.Message);
            }
            finally
            {
                _sending = false;
                _output?.Dispose();
                _output = null;
                while (_queue.TryTakeNow(out var left)) _pool.Return(left.Packet);
            }
            var wait = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 0.5 * Math.Pow(2, failures - 1)));
            if (_stop.Token.WaitHandle.WaitOne(wait) || _ending) return; // its queue was emptied when it failed: nothing is left to send
        }
    }

    /// <summary>Stops at once: a write in progress is interrupted, nothing more is sent.</summary>
    public void Stop()
    {
        _stop.Cancel();
        try { _output?.Interrupt(); }
        catch (ObjectDisposedException) { } // the connection closed meanwhile
    }

    public void Dispose()
    {
        Stop();
        _thread.Join(TimeSpan.FromSeconds(5));
        while (_heldAudio.TryDequeue(out var held)) _pool.Return(held.Packet);
        _queue.Dispose();
    }
}
