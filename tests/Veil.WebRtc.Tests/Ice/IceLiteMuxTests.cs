using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Veil.TestSupport.Logging;
using Veil.WebRtc.Ice;
using Veil.WebRtc.Stun;

namespace Veil.WebRtc.Tests.Ice;

/// <summary>The shared ICE-lite port on real loopback sockets: checks answered, packets routed, garbage counted.</summary>
public sealed class IceLiteMuxTests : IDisposable
{
    private readonly CapturingLogger _log = new();
    private readonly IceLiteMux _mux;
    private readonly UdpClient _browser = new(new IPEndPoint(IPAddress.Loopback, 0));

    public IceLiteMuxTests() => _mux = new(new IPEndPoint(IPAddress.Loopback, 0), TimeSpan.FromSeconds(1.5), _log);

    [Fact]
    public async Task A_valid_check_is_answered_and_then_the_address_s_rtp_reaches_its_session()
    {
        var peer = new RecordingPeer("abcd", "remote", "a-password-of-22-chars+");
        _mux.Register(peer);
        var response = await CheckAsync(peer, useCandidate: true);

        var message = StunMessage.Parse(response);
        Assert.Equal(StunMessage.BindingSuccess, message.Type);
        Assert.True(message.VerifyIntegrity(response, peer.LocalPassword));
        Assert.True(message.VerifyFingerprint(response));
        Assert.Equal(LocalAddress, message.MappedAddress());
        Assert.Equal(LocalAddress, peer.Selected);

        await _browser.SendAsync(new byte[] { 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, _mux.LocalEndPoint);
        await _browser.SendAsync(new byte[] { 0x80, 201, 0, 1, 0, 0, 0, 1 }, _mux.LocalEndPoint);
        await _browser.SendAsync(new byte[] { 22, 0xfe, 0xfd, 0, 0 }, _mux.LocalEndPoint);
        await WaitFor(() => peer.Packets.Count == 3);
        Assert.Equal([PacketKind.Rtp, PacketKind.Rtcp, PacketKind.Dtls], peer.Packets.Select(p => p.Kind));
    }

    [Fact]
    public async Task A_check_with_the_wrong_password_gets_no_answer_and_its_reason_is_counted()
    {
        var peer = new RecordingPeer("wxyz", "remote", "a-password-of-22-chars+");
        _mux.Register(peer);
        var request = StunWriter.BindingRequest(RandomNumberGenerator.GetBytes(12), "wxyz:remote", Encoding.UTF8.GetBytes("not the password at all"), useCandidate: true);
        await _browser.SendAsync(request, _mux.LocalEndPoint);
        await WaitFor(() => _mux.Rejected.ContainsKey("STUN with a bad MESSAGE-INTEGRITY"));
        Assert.Null(peer.Selected);
        Assert.Equal(0, _browser.Available);

        var wrongUfrag = StunWriter.BindingRequest(RandomNumberGenerator.GetBytes(12), "wxyz:someone-else", peer.LocalPassword, useCandidate: true);
        await _browser.SendAsync(wrongUfrag, _mux.LocalEndPoint);
        await WaitFor(() => _mux.Rejected.ContainsKey("STUN USERNAME has the wrong remote ufrag"));
    }

    [Fact]
    public async Task Random_datagrams_are_dropped_with_reasons_while_a_session_keeps_working()
    {
        var peer = new RecordingPeer("live", "remote", "a-password-of-22-chars+");
        _mux.Register(peer);
        var random = new Random(7);
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (int i = 0; i < 3000; i++)
        {
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            if (i % 3 == 0 && junk.Length >= 20) { junk[0] = 0; junk[1] = 1; junk[4] = 0x21; junk[5] = 0x12; junk[6] = 0xa4; junk[7] = 0x42; } // looks like STUN
            await stranger.SendAsync(junk, _mux.LocalEndPoint);
        }
        await CheckAsync(peer, useCandidate: true);
        Assert.Equal(LocalAddress, peer.Selected);
        Assert.Empty(peer.Packets);
        Assert.Contains(_mux.Rejected.Keys, r => r.EndsWith("from an address that passed no ICE check"));
        Assert.Contains(_mux.Rejected.Keys, r => r.StartsWith("malformed STUN"));
        Assert.DoesNotContain(_mux.Rejected.Keys, r => r.StartsWith("a session failed"));
    }

    [Fact]
    public async Task A_nominated_check_takes_an_address_from_the_session_that_had_it()
    {
        // A tab closed and reopened may get the same port while the old session waits out its consent.
        var old = new RecordingPeer("old1", "remote", "a-password-of-22-chars+");
        var reopened = new RecordingPeer("new1", "remote", "another-password-of-22+");
        _mux.Register(old);
        _mux.Register(reopened);
        await CheckAsync(old, useCandidate: true);
        await CheckAsync(reopened, useCandidate: true);

        await _browser.SendAsync(new byte[] { 22, 0xfe, 0xfd, 0, 0 }, _mux.LocalEndPoint);
        await WaitFor(() => reopened.Packets.Count == 1);
        Assert.Equal(LocalAddress, reopened.Selected);
        Assert.Empty(old.Packets);
    }

    [Fact]
    public async Task Each_reason_is_logged_the_first_time_and_counted_after()
    {
        for (int i = 0; i < 3; i++) await _browser.SendAsync(new byte[] { 0xff, 0, 0, 0 }, _mux.LocalEndPoint);
        await WaitFor(() => _mux.Rejected.GetValueOrDefault("first byte is neither STUN, DTLS nor RTP (RFC 7983)") == 3);
        var line = Assert.Single(_log.Lines);
        Assert.Equal("webrtc: dropping UDP packets: first byte is neither STUN, DTLS nor RTP (RFC 7983) (counted from now on)", line.Text);
        Assert.Equal((LogLevel.Information, 2), (line.Level, line.Id.Id));
        Assert.Equal("first byte is neither STUN, DTLS nor RTP (RFC 7983)", line.Fields["Reason"]);
    }

    [Fact]
    public async Task A_session_whose_browser_stops_checking_loses_consent()
    {
        var peer = new RecordingPeer("gone", "remote", "a-password-of-22-chars+");
        _mux.Register(peer);
        await CheckAsync(peer, useCandidate: true);
        await WaitFor(() => peer.ConsentExpired, seconds: 5);
        await _browser.SendAsync(new byte[] { 0x80, 96, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1 }, _mux.LocalEndPoint);
        await WaitFor(() => _mux.Rejected.ContainsKey("Rtp from an address that passed no ICE check"));
        Assert.Empty(peer.Packets);
    }

    private IPEndPoint LocalAddress => (IPEndPoint)_browser.Client.LocalEndPoint!;

    private async Task<byte[]> CheckAsync(RecordingPeer peer, bool useCandidate)
    {
        var request = StunWriter.BindingRequest(RandomNumberGenerator.GetBytes(12), $"{peer.LocalUfrag}:{peer.RemoteUfrag}", peer.LocalPassword, useCandidate);
        await _browser.SendAsync(request, _mux.LocalEndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return (await _browser.ReceiveAsync(timeout.Token)).Buffer;
    }

    private static async Task WaitFor(Func<bool> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        _mux.Dispose();
        _browser.Dispose();
    }

    private sealed class RecordingPeer(string localUfrag, string remoteUfrag, string password) : IIcePeer
    {
        public string LocalUfrag => localUfrag;
        public string RemoteUfrag => remoteUfrag;
        public byte[] LocalPassword { get; } = Encoding.UTF8.GetBytes(password);
        public ConcurrentQueue<(PacketKind Kind, byte[] Data)> Packets { get; } = new();
        public IPEndPoint? Selected { get; private set; }
        public bool ConsentExpired { get; private set; }

        public void OnPacket(PacketKind kind, ReadOnlySpan<byte> packet, IPEndPoint from) => Packets.Enqueue((kind, packet.ToArray()));
        public void OnRemoteSelected(IPEndPoint remote) => Selected = remote;
        public void OnConsentExpired() => ConsentExpired = true;
    }
}
