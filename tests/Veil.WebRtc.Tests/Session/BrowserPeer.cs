using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Veil.WebRtc.Dtls;
using Veil.WebRtc.Ice;
using Veil.WebRtc.Srtp;
using Veil.WebRtc.Stun;

namespace Veil.WebRtc.Tests.Session;

/// <summary>
/// The browser's side of a session, built from Veil's own layers in their client roles: a STUN
/// check with USE-CANDIDATE, the DTLS client with its own certificate, then SRTP with the client
/// keys. Media Veil sends back is decrypted into <see cref="ReceivedRtp"/> and <see cref="ReceivedRtcp"/>.
/// </summary>
internal sealed class BrowserPeer : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _server;
    private readonly DatagramChannel _dtls;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private SrtpSession? _send, _receive;
    private DtlsSrtpSession? _association;

    private BrowserPeer(IPEndPoint server)
    {
        _server = server;
        _dtls = new DatagramChannel(datagram => _udp.Send(datagram.ToArray(), _server));
        _receiving = Task.Run(ReceiveAsync);
    }

    public DtlsCertificate Certificate { get; } = DtlsCertificate.Generate();
    public ConcurrentQueue<byte[]> ReceivedRtp { get; } = new();
    public ConcurrentQueue<byte[]> ReceivedRtcp { get; } = new();
    public IPEndPoint LocalEndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public static BrowserPeer For(IPEndPoint server) => new(server);

    /// <summary>The ICE check (nominating), then DTLS against Veil's fingerprint; throws what the handshake throws.</summary>
    public async Task ConnectAsync(string serverUfrag, string browserUfrag, string serverPassword, string serverFingerprint)
    {
        var check = StunWriter.BindingRequest(RandomNumberGenerator.GetBytes(12), $"{serverUfrag}:{browserUfrag}", Encoding.UTF8.GetBytes(serverPassword), useCandidate: true);
        await _udp.SendAsync(check, _server);
        _association = await DtlsSrtpClient.ConnectAsync(_dtls, Certificate, DtlsFingerprint.Parse(serverFingerprint),
            [DtlsSrtpProfiles.AeadAes128Gcm, DtlsSrtpProfiles.Aes128CmHmacSha1_80], TimeSpan.FromSeconds(5), _stop.Token);
        var keys = _association.Srtp;
        var profile = (SrtpProfile)keys.SrtpProfileId;
        _send = new SrtpSession(profile, keys.ClientKey, keys.ClientSalt);
        _receive = new SrtpSession(profile, keys.ServerKey, keys.ServerSalt);
    }

    public void SendRtp(byte[] rtp)
    {
        var buffer = new byte[rtp.Length + SrtpSession.MaxRtpOverhead];
        int length = _send!.ProtectRtp(rtp, buffer);
        _udp.Send(buffer, length, _server);
    }

    public void SendRtcp(byte[] rtcp)
    {
        var buffer = new byte[rtcp.Length + SrtpSession.MaxRtcpOverhead];
        int length = _send!.ProtectRtcp(rtcp, buffer);
        _udp.Send(buffer, length, _server);
    }

    public void SendRaw(byte[] datagram) => _udp.Send(datagram, _server);

    private async Task ReceiveAsync()
    {
        var plain = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult result;
            try { result = await _udp.ReceiveAsync(_stop.Token); }
            catch (Exception) { return; }
            var packet = result.Buffer;
            switch (PacketClassifier.Classify(packet))
            {
                case PacketKind.Dtls:
                    _dtls.Deliver(packet);
                    break;
                case PacketKind.Rtp when _receive is not null && _receive.TryUnprotectRtp(packet, plain, out int n, out _):
                    ReceivedRtp.Enqueue(plain[..n]);
                    break;
                case PacketKind.Rtcp when _receive is not null && _receive.TryUnprotectRtcp(packet, plain, out int m, out _):
                    ReceivedRtcp.Enqueue(plain[..m]);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_association is not null) await _association.DisposeAsync();
        _dtls.Close();
        _udp.Dispose();
        await _receiving;
    }
}
