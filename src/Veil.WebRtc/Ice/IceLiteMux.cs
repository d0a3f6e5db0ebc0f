using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.WebRtc.Stun;

namespace Veil.WebRtc.Ice;

/// <summary>
/// ICE-lite on one UDP port shared by every session (RFC 8445 §2.5). A STUN Binding request is
/// answered when its USERNAME names a registered session and its MESSAGE-INTEGRITY and FINGERPRINT
/// check; the address it came from then belongs to that session. DTLS, RTP and RTCP are handed to
/// the session that owns their source address. Anything else is dropped and counted by reason, so
/// one bad peer costs nothing but the packet. A session with no valid check for
/// <see cref="ConsentTimeout"/> (RFC 7675: browsers check about every 5 s) is told to end.
/// </summary>
public sealed class IceLiteMux : IDisposable
{
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<string, PeerState> _byUfrag = new();
    private readonly ConcurrentDictionary<IPEndPoint, PeerState> _byAddress = new();
    private readonly ConcurrentDictionary<string, long> _rejected = new();
    private readonly Thread _receiver;
    private readonly Timer _consentTimer;
    private readonly ILogger _log;
    private volatile bool _disposed;

    /// <param name="log">Told each reason for dropping packets the first time it is seen (none by default).</param>
    public IceLiteMux(IPEndPoint bind, TimeSpan? consentTimeout = null, ILogger? log = null)
    {
        _log = log ?? NullLogger.Instance;
        ConsentTimeout = consentTimeout ?? TimeSpan.FromSeconds(30);
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = 4 << 20;
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiver = new Thread(Receive) { IsBackground = true, Name = "veil-ice-mux" };
        _receiver.Start();
        _consentTimer = new Timer(_ => ExpireConsent(), null, 1000, 1000);
    }

    public IPEndPoint LocalEndPoint { get; }
    public TimeSpan ConsentTimeout { get; }

    /// <summary>Packets dropped, by reason ("STUN with a bad MESSAGE-INTEGRITY", ...).</summary>
    public IReadOnlyDictionary<string, long> Rejected => _rejected;

    public void Register(IIcePeer peer)
    {
        if (!_byUfrag.TryAdd(peer.LocalUfrag, new PeerState(peer)))
            throw new InvalidOperationException($"ICE ufrag {peer.LocalUfrag} is already registered");
    }

    public void Unregister(IIcePeer peer)
    {
        if (!_byUfrag.TryRemove(peer.LocalUfrag, out var state)) return;
        foreach (var (address, owner) in _byAddress)
            if (owner == state) _byAddress.TryRemove(address, out _);
    }

    public void Send(ReadOnlySpan<byte> packet, IPEndPoint to)
    {
        if (_disposed) return;
        try { _socket.SendTo(packet, SocketFlags.None, to); }
        catch (SocketException e) { Reject($"send to {to.AddressFamily} failed: {e.SocketErrorCode}"); }
        catch (ObjectDisposedException) { }
    }

    private void Receive()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_disposed)
        {
            int length;
            EndPoint from = any;
            try { length = _socket.ReceiveFrom(buffer, ref from); }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize) { continue; }
            catch (Exception) when (_disposed) { return; }
            catch (ObjectDisposedException) { return; }
            try { Dispatch(buffer.AsSpan(0, length), (IPEndPoint)from); }
            catch (Exception e) { Reject($"a session failed on a packet: {e.GetType().Name}: {e.Message}"); }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> packet, IPEndPoint from)
    {
        var kind = PacketClassifier.Classify(packet);
        if (kind == PacketKind.Stun) { OnStun(packet, from); return; }
        if (kind == PacketKind.Unknown) { Reject(packet.Length == 0 ? "empty datagram" : "first byte is neither STUN, DTLS nor RTP (RFC 7983)"); return; }
        if (!_byAddress.TryGetValue(from, out var state)) { Reject($"{kind} from an address that passed no ICE check"); return; }
        state.Peer.OnPacket(kind, packet, from);
    }

    private void OnStun(ReadOnlySpan<byte> packet, IPEndPoint from)
    {
        StunMessage message;
        try { message = StunMessage.Parse(packet); }
        catch (StunException e) { Reject($"malformed STUN: {e.Message}"); return; }
        if (message.Type != StunMessage.BindingRequest) { Reject($"STUN type 0x{message.Type:x4} is not a Binding request"); return; }
        if (message.Find(StunMessage.Username) is not { } user) { Reject("STUN Binding without USERNAME"); return; }
        string username = Encoding.UTF8.GetString(user.Value);
        int colon = username.IndexOf(':');
        if (colon <= 0 || !_byUfrag.TryGetValue(username[..colon], out var state)) { Reject("STUN USERNAME names no session"); return; }
        if (username[(colon + 1)..] != state.Peer.RemoteUfrag) { Reject("STUN USERNAME has the wrong remote ufrag"); return; }
        if (!message.VerifyFingerprint(packet)) { Reject("STUN without a valid FINGERPRINT"); return; }
        if (!message.VerifyIntegrity(packet, state.Peer.LocalPassword)) { Reject("STUN with a bad MESSAGE-INTEGRITY"); return; }

        state.LastConsent = Environment.TickCount64;
        bool nominated = message.Find(StunMessage.UseCandidate) is not null;
        bool first = nominated ? MoveTo(state, from) : _byAddress.TryAdd(from, state);
        if (nominated && !from.Equals(state.Selected) || first && state.Selected is null)
        {
            state.Selected = from;
            state.Peer.OnRemoteSelected(from);
        }
        // Answered last: whoever sees the answer (the browser, a test) finds the address already routed.
        Send(StunWriter.BindingSuccess(message.TransactionId, from, state.Peer.LocalPassword), from);
    }

    /// <summary>
    /// Routes <paramref name="from"/> to <paramref name="state"/>, even when another session had it:
    /// a reopened tab may get the port of its closed one, whose session waits out its consent, and
    /// the check just passed proves the address speaks for this one. True when it was not already this one's.
    /// </summary>
    private bool MoveTo(PeerState state, IPEndPoint from)
    {
        var previous = _byAddress.GetValueOrDefault(from);
        _byAddress[from] = state;
        return previous != state;
    }

    private void ExpireConsent()
    {
        long now = Environment.TickCount64;
        foreach (var state in _byUfrag.Values)
        {
            if (now - state.LastConsent <= ConsentTimeout.TotalMilliseconds) continue;
            Unregister(state.Peer);
            try { state.Peer.OnConsentExpired(); }
            catch (Exception e) { Reject($"a session failed on consent expiry: {e.Message}"); }
        }
    }

    private void Reject(string reason)
    {
        if (_rejected.AddOrUpdate(reason, 1, (_, n) => n + 1) == 1) IceLog.DroppingPackets(_log, reason);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _consentTimer.Dispose();
        _socket.Dispose();
        _receiver.Join(TimeSpan.FromSeconds(2));
    }

    private sealed class PeerState(IIcePeer peer)
    {
        public IIcePeer Peer { get; } = peer;
        public IPEndPoint? Selected { get; set; }

        // Registration counts as consent, so a browser gets the full timeout to send its first check.
        public long LastConsent { get; set; } = Environment.TickCount64;
    }
}
