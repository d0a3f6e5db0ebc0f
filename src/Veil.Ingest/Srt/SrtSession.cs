using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Veil.Ingest.Srt.Native;

namespace Veil.Ingest.Srt;

/// <summary>
/// One SRT publisher: its MPEG-TS packets, as libsrt delivers them (in order, on time, lost ones
/// retransmitted within the latency), fed to the stream's demuxer. libsrt's receive blocks, so the
/// session has a thread of its own; it wakes every half second to see whether the publisher has
/// gone silent, the stream stopped taking it, or the server is stopping. Ends once, with the reason logged.
/// </summary>
internal sealed unsafe class SrtSession(int socket, IPEndPoint peer, IPublishFeed feed, SrtOptions options, ILogger log, int id, CancellationToken serverStop)
{
    private const int WakeMs = 500;
    private static readonly TimeSpan StatsEvery = TimeSpan.FromSeconds(1);
    private const int PacketBytes = 1500; // a live-mode payload is at most 1456 bytes (1316: seven TS packets)
    private volatile string? _endReason;
    private long _bytes;
    private SrtReceiveStats _stats; // sampled every second: a connection that broke has none left to read

    public Task Start()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { Run(); }
            finally { done.SetResult(); }
        }) { IsBackground = true, Name = $"srt session {id}" };
        thread.Start();
        return done.Task;
    }

    private void Run()
    {
        SrtIngestLog.Publishing(log, id, peer, feed.Stream);
        _ = feed.Stopped.ContinueWith(t =>
        {
            if (t.Result.Kind != PublishStopKind.Finished) _endReason = "the stream stopped taking this publisher: " + t.Result.Reason;
        }, TaskScheduler.Default);
        string ending;
        try
        {
            // Accepted sockets inherit the listener's non-blocking mode: this one blocks, up to WakeMs.
            if (SrtApi.SetInt(socket, SrtOption.RcvSyn, 1) == SrtApi.Error || SrtApi.SetInt(socket, SrtOption.RcvTimeo, WakeMs) == SrtApi.Error)
                throw new InvalidOperationException("cannot set the socket to blocking reads: " + SrtApi.LastError().Text);
            ending = Receive();
        }
        catch (PublishStoppedException e) { ending = "the stream stopped taking this publisher: " + e.Message; }
        catch (OperationCanceledException) when (serverStop.IsCancellationRequested) { ending = "server stopping"; }
        catch (Exception e) { ending = "error: " + e.Message; }
        finally
        {
            feed.Complete();
            _stats = SrtReceiveStats.Of(socket) ?? _stats;
            SrtApi.srt_close(socket);
        }
        SrtIngestLog.Ended(log, id, peer, feed.Stream, ending, _bytes, _stats);
    }

    private string Receive()
    {
        var buffer = new byte[PacketBytes];
        long lastMedia = Stopwatch.GetTimestamp(), lastSample = lastMedia;
        fixed (byte* p = buffer)
        {
            while (true)
            {
                if (Stopwatch.GetElapsedTime(lastSample) >= StatsEvery)
                {
                    lastSample = Stopwatch.GetTimestamp();
                    _stats = SrtReceiveStats.Of(socket) ?? _stats;
                }
                if (_endReason is { } reason) return reason;
                if (serverStop.IsCancellationRequested) return "server stopping";
                int received = SrtApi.srt_recvmsg(socket, p, buffer.Length);
                if (received > 0)
                {
                    lastMedia = Stopwatch.GetTimestamp();
                    _bytes += received;
                    Write(buffer.AsMemory(0, received));
                    continue;
                }
                var (code, text) = SrtApi.LastError();
                if (received == 0 || code is SrtErrors.ConnectionLost or SrtErrors.NoConnection or SrtErrors.InvalidSocket) return "publisher disconnected";
                if (code is not (SrtErrors.Timeout or SrtErrors.AsyncReceive)) return "connection lost: " + text; // a timeout is the wake-up
                if (Stopwatch.GetElapsedTime(lastMedia) >= options.IdleTimeout) return $"no media for {options.IdleTimeout.TotalSeconds:0.#} s";
            }
        }
    }

    /// <summary>Hands the packet on, waiting while the stream is behind (this thread is the session's own).</summary>
    private void Write(ReadOnlyMemory<byte> packet)
    {
        var write = feed.WriteAsync(packet, serverStop);
        if (!write.IsCompletedSuccessfully) write.AsTask().GetAwaiter().GetResult();
    }
}
