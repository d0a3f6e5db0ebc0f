using System.Net;
using System.Text;
using System.Threading.Channels;
using Veil.WebRtc.Dtls;
using Veil.WebRtc.Ice;
using Veil.WebRtc.Sdp;
using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Session;

/// <summary>
/// One browser's secure transport on the shared ICE-lite port: once the browser's checks pick an
/// address, the DTLS handshake runs (Veil is the server) with the browser's certificate checked
/// against its SDP fingerprint; then SRTP keys come from the handshake and RTP/RTCP flow, decrypted
/// here and handed to the <see cref="IRtpHandler"/> on this session's own thread, so a slow session
/// never holds up the port's other sessions (its queue drops instead, counted).
/// </summary>
public sealed class SecureTransport : IIcePeer, IAsyncDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A browser that never checks in (or never finishes DTLS) frees its stream after this long.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private readonly IceLiteMux _mux;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsFingerprint _remoteFingerprint;
    private readonly DatagramChannel _dtls;
    private readonly Channel<(bool Rtcp, byte[] Packet)> _inbound = Channel.CreateBounded<(bool, byte[])>(
        new BoundedChannelOptions(2048) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _sendGate = new();
    private readonly byte[] _sendBuffer = new byte[2048];
    private IRtpHandler? _handler;
    private Task? _worker;
    private volatile IPEndPoint? _remote;
    private SrtpSession? _decrypt, _encrypt;
    private DtlsSrtpSession? _association;
    private int _handshakeStarted;
    private long _dropped, _undecryptable;

    public SecureTransport(IceLiteMux mux, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, string remoteUfrag)
    {
        _mux = mux;
        _certificate = certificate;
        _remoteFingerprint = remoteFingerprint;
        RemoteUfrag = remoteUfrag;
        LocalUfrag = IceCredentials.NewUfrag();
        LocalPasswordText = IceCredentials.NewPassword();
        LocalPassword = Encoding.UTF8.GetBytes(LocalPasswordText);
        _dtls = new DatagramChannel(SendRaw);
    }

    public string LocalUfrag { get; }

    /// <summary>Our ICE password as the SDP answer carries it.</summary>
    public string LocalPasswordText { get; }
    public string RemoteUfrag { get; }
    public byte[] LocalPassword { get; }

    /// <summary>Completes when DTLS is done and SRTP keys are in place; faults with the reason otherwise.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes with the reason the session ended (consent lost, DTLS failed, closed).</summary>
    public Task<string> Closed => _closed.Task;

    public long DroppedPackets => Interlocked.Read(ref _dropped);
    public long UndecryptablePackets => Interlocked.Read(ref _undecryptable);

    /// <summary>Registers with the port and starts the session's thread; media goes to <paramref name="handler"/>.</summary>
    public void Start(IRtpHandler handler)
    {
        _handler = handler;
        _mux.Register(this);
        _worker = Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning);
        _ = Task.Delay(ConnectTimeout, _stop.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled && !_connected.Task.IsCompleted) Close($"no ICE check and DTLS handshake within {ConnectTimeout.TotalSeconds:0} s");
        }, TaskScheduler.Default);
    }

    public void SendRtp(ReadOnlySpan<byte> rtp) => SendProtected(rtp, rtcp: false);

    public void SendRtcp(ReadOnlySpan<byte> rtcp) => SendProtected(rtcp, rtcp: true);

    public void OnRemoteSelected(IPEndPoint remote)
    {
        _remote = remote;
        if (Interlocked.Exchange(ref _handshakeStarted, 1) == 0) _ = HandshakeAsync();
    }

    public void OnPacket(PacketKind kind, ReadOnlySpan<byte> packet, IPEndPoint from)
    {
        if (kind == PacketKind.Dtls)
        {
            _dtls.Deliver(packet);
            return;
        }
        // Media can beat the keys by a moment (the browser is done when our Finished arrives, we a little
        // later), so it is queued from the start of the handshake and decrypted once the keys exist.
        if (Volatile.Read(ref _handshakeStarted) == 0 || !_inbound.Writer.TryWrite((kind == PacketKind.Rtcp, packet.ToArray())))
            Interlocked.Increment(ref _dropped);
    }

    public void OnConsentExpired() => Close($"no ICE consent check for {_mux.ConsentTimeout.TotalSeconds:0} s (browser gone)");

    private async Task HandshakeAsync()
    {
        try
        {
            _association = await DtlsSrtpServer.AcceptAsync(_dtls, _certificate, _remoteFingerprint, HandshakeTimeout, _stop.Token);
            _ = _association.Closed.ContinueWith(t => Close($"DTLS ended: {t.Result}"), TaskScheduler.Default);
            var keys = _association.Srtp;
            var profile = (SrtpProfile)keys.SrtpProfileId;
            _encrypt = new SrtpSession(profile, keys.ServerKey, keys.ServerSalt);
            _decrypt = new SrtpSession(profile, keys.ClientKey, keys.ClientSalt);
            _connected.TrySetResult();
        }
        catch (Exception e)
        {
            string reason = e is OperationCanceledException ? "closed before DTLS finished" : $"DTLS failed: {e.Message}";
            _connected.TrySetException(new InvalidOperationException(reason));
            Close(reason);
        }
    }

    private void Work()
    {
        var plain = new byte[2048];
        long lastTick = 0;
        var reader = _inbound.Reader;
        while (!_stop.IsCancellationRequested)
        {
            if (!_connected.Task.IsCompleted)
            {
                try { _connected.Task.Wait(20); }
                catch (AggregateException) { } // DTLS failed: Close stops this loop
                continue;
            }
            while (_decrypt is not null && reader.TryRead(out var item))
            {
                string? error;
                int length;
                bool ok = item.Rtcp
                    ? _decrypt!.TryUnprotectRtcp(item.Packet, plain, out length, out error)
                    : _decrypt!.TryUnprotectRtp(item.Packet, plain, out length, out error);
                if (!ok) { Interlocked.Increment(ref _undecryptable); continue; }
                if (item.Rtcp) _handler!.OnRtcp(plain.AsSpan(0, length));
                else _handler!.OnRtp(plain.AsSpan(0, length));
            }
            long now = Environment.TickCount64;
            if (now - lastTick >= 20)
            {
                lastTick = now;
                if (_connected.Task.IsCompletedSuccessfully) _handler!.OnTick(now);
            }
            try { reader.WaitToReadAsync(_stop.Token).AsTask().Wait(20); }
            catch (AggregateException) { return; }
        }
    }

    private void SendProtected(ReadOnlySpan<byte> packet, bool rtcp)
    {
        lock (_sendGate)
        {
            if (_encrypt is not { } srtp || _remote is not { } remote) return;
            int length = rtcp ? srtp.ProtectRtcp(packet, _sendBuffer) : srtp.ProtectRtp(packet, _sendBuffer);
            _mux.Send(_sendBuffer.AsSpan(0, length), remote);
        }
    }

    private void SendRaw(ReadOnlySpan<byte> datagram)
    {
        if (_remote is { } remote) _mux.Send(datagram, remote);
    }

    /// <summary>Ends the session once, with its reason: the port forgets it and its thread stops.</summary>
    public void Close(string reason)
    {
        if (!_closed.TrySetResult(reason)) return;
        _mux.Unregister(this);
        _dtls.Close();
        _stop.Cancel();
        _connected.TrySetException(new InvalidOperationException(reason));
    }

    public async ValueTask DisposeAsync()
    {
        Close("closed");
        if (_worker is not null) await _worker;
        if (_association is not null) await _association.DisposeAsync();
        lock (_sendGate)
        {
            _encrypt?.Dispose();
            _encrypt = null; // a sender on another thread finds nothing to send with
        }
        _decrypt?.Dispose();
        _stop.Dispose();
    }
}
