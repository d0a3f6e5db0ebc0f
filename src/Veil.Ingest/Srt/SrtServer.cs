using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Veil.Ingest.Srt.Native;

namespace Veil.Ingest.Srt;

/// <summary>
/// The SRT ingest: a libsrt listener where encoders and phones publish MPEG-TS. The caller's stream
/// id is read in libsrt's listen callback, during the handshake, and the publish opened there
/// through the ingest contract, so a wrong key, an unknown stream or a busy one is refused in the
/// handshake itself with a reason code the caller's libsrt reports (1401, 1404, 1409...), and the
/// reason is logged here. An accepted connection gets a session of its own (<see cref="SrtSession"/>).
/// </summary>
public sealed class SrtServer : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<nint, SrtServer> Live = new(); // what the callback's opaque names
    private static long s_nextId;

    private readonly IPEndPoint _requested;
    private readonly IPublishPoints _points;
    private readonly ILogger _log;
    private readonly SrtOptions _options;
    private readonly nint _id = (nint)Interlocked.Increment(ref s_nextId);
    private readonly ConcurrentDictionary<int, Admitted> _admitted = new(); // socket -> the publish its stream id opened, until accepted
    private readonly List<Task> _sessions = new();
    private readonly CancellationTokenSource _stop = new();
    private int _listener = SrtApi.Error, _epoll = SrtApi.Error, _next;
    private bool _started;
    private Thread? _accept;

    private sealed record Admitted(IPublishFeed Feed, IPEndPoint Peer, long At);

    public SrtServer(IPEndPoint endpoint, IPublishPoints points, ILogger log, SrtOptions? options = null)
    {
        _requested = endpoint;
        _points = points;
        _log = log;
        _options = options ?? new SrtOptions();
        Endpoint = endpoint;
    }

    /// <summary>Where the listener is bound (the port chosen when 0 was asked for).</summary>
    public IPEndPoint Endpoint { get; private set; }

    public void Start()
    {
        uint version = SrtLibrary.EnsureLoaded();
        SrtApi.srt_startup();
        _started = true;
        SrtLog.RouteTo(_log);
        try { Listen(); }
        catch
        {
            Close();
            throw;
        }
        Live[_id] = this;
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = "srt accept" };
        _accept.Start();
        SrtIngestLog.Listening(_log, Endpoint, SrtLibrary.FormatVersion(version), _options.LatencyMs, _options.Passphrase.Length > 0 ? "passphrase required" : "unencrypted", StreamId.Forms);
    }

    private unsafe void Listen()
    {
        _listener = SrtApi.srt_create_socket();
        if (_listener == SrtApi.Error) throw Failure("cannot create the SRT socket");
        // Accepted sockets inherit these; the listener itself is non-blocking, polled with a timeout so it can stop.
        Check(SrtApi.SetInt(_listener, SrtOption.RcvSyn, 0), "SRTO_RCVSYN");
        Check(SrtApi.SetInt(_listener, SrtOption.RcvLatency, _options.LatencyMs), "SRTO_RCVLATENCY");
        if (_options.Passphrase.Length > 0) Check(SrtApi.SetString(_listener, SrtOption.PassPhrase, _options.Passphrase), "SRTO_PASSPHRASE");
        var address = SockAddr.From(_requested);
        fixed (byte* p = address)
            if (SrtApi.srt_bind(_listener, p, address.Length) == SrtApi.Error) throw Failure($"cannot listen for SRT on {_requested}");
        if (SrtApi.srt_listen(_listener, 16) == SrtApi.Error) throw Failure($"cannot listen for SRT on {_requested}");
        Check(SrtApi.srt_listen_callback(_listener, &OnCaller, _id), "srt_listen_callback");
        byte* bound = stackalloc byte[128];
        int length = 128;
        if (SrtApi.srt_getsockname(_listener, bound, &length) != SrtApi.Error) Endpoint = SockAddr.To(bound);
        _epoll = SrtApi.srt_epoll_create();
        int events = SrtEpollEvent.In | SrtEpollEvent.Error;
        if (_epoll == SrtApi.Error || SrtApi.srt_epoll_add_usock(_epoll, _listener, &events) == SrtApi.Error) throw Failure("cannot poll the SRT listener");
    }

    /// <summary>libsrt's listen callback, on its receiving thread, for each caller's handshake: 0 lets it in, -1 refuses it.</summary>
    [UnmanagedCallersOnly]
    private static unsafe int OnCaller(nint opaque, int socket, int hsVersion, byte* peer, byte* streamId)
    {
        try
        {
            if (!Live.TryGetValue(opaque, out var server)) return Refuse(socket, SrtRejection.Down);
            return server.Admit(socket, SockAddr.To(peer), Marshal.PtrToStringUTF8((nint)streamId));
        }
        catch (Exception)
        {
            return Refuse(socket, SrtRejection.Down); // nothing may unwind into libsrt's threads
        }
    }

    private int Admit(int socket, IPEndPoint peer, string? raw)
    {
        if (_stop.IsCancellationRequested) return Refused(socket, peer, raw, SrtRejection.Down, "the server is stopping");
        var id = StreamId.Parse(raw, out string error, out bool isRead);
        if (isRead) return Refused(socket, peer, raw, SrtRejection.BadMode, "Veil's SRT port takes publishers only: watch the stream anonymized where the server forwards it (or over WHEP)");
        if (id is null) return Refused(socket, peer, raw, SrtRejection.BadRequest, error);
        var opening = _points.Open(new PublishRequest("srt", peer.Address, id.Stream, id.Key, "mpegts"));
        if (opening.Feed is not { } feed) return Refused(socket, peer, raw, SrtRejections.For(opening.Refusal), opening.Reason);
        _admitted[socket] = new Admitted(feed, peer, Stopwatch.GetTimestamp());
        return 0;
    }

    private int Refused(int socket, IPEndPoint peer, string? raw, SrtRejection code, string reason)
    {
        SrtIngestLog.PublishRefused(_log, peer, SrtRejections.Describe(code), reason, StreamId.Shown(raw ?? ""));
        return Refuse(socket, code);
    }

    private static int Refuse(int socket, SrtRejection code)
    {
        SrtApi.srt_setrejectreason(socket, (int)code);
        return -1;
    }

    private unsafe void AcceptLoop()
    {
        SrtEpollEvent ready;
        while (!_stop.IsCancellationRequested)
        {
            int count = SrtApi.srt_epoll_uwait(_epoll, &ready, 1, (long)Tick.TotalMilliseconds);
            if (count > 0) AcceptOne();
            else if (count < 0) Thread.Sleep(Tick); // a failing poll does not spin
            GiveUpUnfinished(_options.HandshakeTimeout);
        }
    }

    private unsafe void AcceptOne()
    {
        byte* address = stackalloc byte[128];
        int length = 128;
        int socket = SrtApi.srt_accept(_listener, address, &length);
        if (socket == SrtApi.Error)
        {
            var (code, text) = SrtApi.LastError();
            if (code != SrtErrors.AsyncReceive) SrtIngestLog.AcceptFailed(_log, text);
            return;
        }
        if (!_admitted.TryRemove(socket, out var admitted))
        {
            SrtApi.srt_close(socket); // not let in by the callback: cannot happen, but nothing unchecked gets a session
            return;
        }
        var session = new SrtSession(socket, admitted.Peer, admitted.Feed, _options, _log, Interlocked.Increment(ref _next), _stop.Token);
        lock (_sessions)
        {
            _sessions.RemoveAll(t => t.IsCompleted);
            _sessions.Add(session.Start());
        }
    }

    /// <summary>Publishes let in whose connection never came (the handshake failed after the stream id, on a passphrase): the stream is let go.</summary>
    private void GiveUpUnfinished(TimeSpan after)
    {
        foreach (var (socket, admitted) in _admitted)
        {
            if (Stopwatch.GetElapsedTime(admitted.At) < after || !_admitted.TryRemove(socket, out _)) continue;
            admitted.Feed.Complete();
            if (after > TimeSpan.Zero)
                SrtIngestLog.HandshakeUnfinished(_log, admitted.Peer, admitted.Feed.Stream, after.TotalSeconds);
        }
    }

    private void Check(int result, string what)
    {
        if (result == SrtApi.Error) throw Failure($"cannot set {what}");
    }

    private static InvalidOperationException Failure(string what) => new($"{what}: {SrtApi.LastError().Text}");

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _accept?.Join();
        Live.TryRemove(_id, out _);
        Task[] sessions;
        lock (_sessions) sessions = _sessions.ToArray();
        await Task.WhenAll(sessions);
        GiveUpUnfinished(TimeSpan.Zero);
        Close();
        _stop.Dispose();
    }

    private void Close()
    {
        if (_epoll != SrtApi.Error) SrtApi.srt_epoll_release(_epoll);
        if (_listener != SrtApi.Error) SrtApi.srt_close(_listener);
        if (_started) SrtApi.srt_cleanup();
        _epoll = _listener = SrtApi.Error;
        _started = false;
    }
}
