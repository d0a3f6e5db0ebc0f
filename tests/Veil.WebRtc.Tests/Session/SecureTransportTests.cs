using System.Collections.Concurrent;
using System.Net;
using Veil.WebRtc.Dtls;
using Veil.WebRtc.Ice;
using Veil.WebRtc.Session;

namespace Veil.WebRtc.Tests.Session;

/// <summary>ICE, DTLS and SRTP together on a real loopback port, with Veil's own stack playing the browser.</summary>
public sealed class SecureTransportTests : IDisposable
{
    private readonly IceLiteMux _mux = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly DtlsCertificate _certificate = DtlsCertificate.Generate();

    [Fact]
    public async Task Media_flows_both_ways_once_dtls_is_done()
    {
        await using var browser = BrowserPeer.For(_mux.LocalEndPoint);
        var handler = new RecordingHandler();
        await using var transport = new SecureTransport(_mux, _certificate, DtlsFingerprint.Parse(browser.Certificate.Fingerprint), "brws");
        transport.Start(handler);

        await browser.ConnectAsync(transport.LocalUfrag, "brws", transport.LocalPasswordText, _certificate.Fingerprint);
        await transport.Connected.WaitAsync(TimeSpan.FromSeconds(5));

        var rtp = new byte[] { 0x80, 96, 0, 7, 0, 0, 0, 90, 0, 0, 0x12, 0x34, 1, 2, 3, 4 };
        browser.SendRtp(rtp);
        var rtcp = new byte[] { 0x81, 201, 0, 7, 0, 0, 0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        browser.SendRtcp(rtcp);
        await WaitFor(() => handler.Rtp.Count == 1 && handler.Rtcp.Count == 1);
        Assert.Equal(rtp, handler.Rtp.Single());
        Assert.Equal(rtcp, handler.Rtcp.Single());

        transport.SendRtp(rtp);
        await WaitFor(() => browser.ReceivedRtp.Count == 1);
        Assert.Equal(rtp, browser.ReceivedRtp.Single());
        Assert.True(handler.Ticks > 0);
    }

    [Fact]
    public async Task A_certificate_that_is_not_the_one_in_the_sdp_ends_only_its_own_session()
    {
        var someoneElse = DtlsCertificate.Generate();
        await using var impostor = BrowserPeer.For(_mux.LocalEndPoint);
        await using var refused = new SecureTransport(_mux, _certificate, DtlsFingerprint.Parse(someoneElse.Fingerprint), "imps");
        refused.Start(new RecordingHandler());
        await using var honest = BrowserPeer.For(_mux.LocalEndPoint);
        var handler = new RecordingHandler();
        await using var accepted = new SecureTransport(_mux, _certificate, DtlsFingerprint.Parse(honest.Certificate.Fingerprint), "hnst");
        accepted.Start(handler);

        await Assert.ThrowsAnyAsync<Exception>(() => impostor.ConnectAsync(refused.LocalUfrag, "imps", refused.LocalPasswordText, _certificate.Fingerprint));
        var reason = await refused.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("does not match", reason);

        await honest.ConnectAsync(accepted.LocalUfrag, "hnst", accepted.LocalPasswordText, _certificate.Fingerprint);
        honest.SendRtp([0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9]);
        await WaitFor(() => handler.Rtp.Count == 1);
        Assert.False(accepted.Closed.IsCompleted);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _mux.Dispose();

    private sealed class RecordingHandler : IRtpHandler
    {
        public ConcurrentQueue<byte[]> Rtp { get; } = new();
        public ConcurrentQueue<byte[]> Rtcp { get; } = new();
        public int Ticks { get; private set; }

        public void OnRtp(ReadOnlySpan<byte> rtp) => Rtp.Enqueue(rtp.ToArray());
        public void OnRtcp(ReadOnlySpan<byte> rtcp) => Rtcp.Enqueue(rtcp.ToArray());
        public void OnTick(long nowMs) => Ticks++;
    }
}
