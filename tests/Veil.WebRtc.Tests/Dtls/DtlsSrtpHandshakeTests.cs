using System.Diagnostics;
using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>Veil's DTLS-SRTP server against our browser-role client over in-memory channels.</summary>
public sealed class DtlsSrtpHandshakeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly DtlsCertificate ServerCertificate = DtlsCertificate.Generate();
    private static readonly DtlsCertificate ClientCertificate = DtlsCertificate.Generate();

    [Fact]
    public async Task Both_sides_derive_the_same_keys_and_gcm_is_preferred_when_offered()
    {
        var (server, client) = await HandshakeAsync(new ChannelPair(), [DtlsSrtpProfiles.Aes128CmHmacSha1_80, DtlsSrtpProfiles.AeadAes128Gcm]);
        await using (server)
        await using (client)
        {
            Assert.Equal(DtlsSrtpProfiles.AeadAes128Gcm, server.Srtp.SrtpProfileId);
            AssertSameKeys(server.Srtp, client.Srtp, saltLength: 12);
        }
    }

    [Fact]
    public async Task Cm_80_is_chosen_when_it_is_the_only_profile_offered()
    {
        var (server, client) = await HandshakeAsync(new ChannelPair(), [0x0002, DtlsSrtpProfiles.Aes128CmHmacSha1_80]);
        await using (server)
        await using (client)
        {
            Assert.Equal(DtlsSrtpProfiles.Aes128CmHmacSha1_80, server.Srtp.SrtpProfileId);
            AssertSameKeys(server.Srtp, client.Srtp, saltLength: 14);
        }
    }

    [Fact]
    public async Task An_offer_without_a_common_profile_is_refused_on_both_sides_at_once()
    {
        var watch = Stopwatch.StartNew();
        var (server, client) = await FailuresAsync(new ChannelPair(), [0x0002, 0x0008]);
        Assert.Equal(DtlsFailure.NoCommonSrtpProfile, server.Reason);
        Assert.Equal("no common SRTP profile: the client offers SRTP_AES128_CM_HMAC_SHA1_32 (0x0002), SRTP_AEAD_AES_256_GCM (0x0008); " +
            "Veil supports SRTP_AEAD_AES_128_GCM (0x0007) and SRTP_AES128_CM_HMAC_SHA1_80 (0x0001)", server.Message);
        Assert.NotEqual(DtlsFailure.Timeout, client.Reason); // the server's alert, or the client's own finding, ends it
        Assert.True(watch.Elapsed < Timeout, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_client_certificate_that_does_not_match_the_sdp_is_rejected_naming_both_fingerprints()
    {
        var impostor = DtlsCertificate.Generate();
        var (server, client) = await FailuresAsync(new ChannelPair(), [DtlsSrtpProfiles.AeadAes128Gcm], clientCertificate: impostor);
        Assert.Equal(DtlsFailure.FingerprintMismatch, server.Reason);
        Assert.Equal($"the peer's certificate fingerprint {impostor.Fingerprint} does not match the SDP's {ClientCertificate.Fingerprint}", server.Message);
        Assert.Equal(DtlsFailure.AlertReceived, client.Reason);
        Assert.Contains("bad_certificate", client.Message);
    }

    [Fact]
    public async Task A_server_certificate_that_does_not_match_the_sdp_is_rejected_by_the_client()
    {
        var other = DtlsCertificate.Generate();
        var (server, client) = await FailuresAsync(new ChannelPair(), [DtlsSrtpProfiles.AeadAes128Gcm], expectedServerFingerprint: other.Fingerprint);
        Assert.Equal(DtlsFailure.FingerprintMismatch, client.Reason);
        Assert.Contains(other.Fingerprint, client.Message);
        Assert.Equal(DtlsFailure.AlertReceived, server.Reason);
        Assert.Contains("bad_certificate", server.Message);
    }

    [Fact]
    public async Task A_silent_peer_times_out_with_the_reason()
    {
        var watch = Stopwatch.StartNew();
        var channel = new DatagramChannel(_ => { });
        var e = await Assert.ThrowsAsync<DtlsException>(() => DtlsSrtpServer.AcceptAsync(channel, ServerCertificate,
            DtlsFingerprint.Parse(ClientCertificate.Fingerprint), TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.Equal(DtlsFailure.Timeout, e.Reason);
        Assert.Equal("no DTLS handshake completed within 0.3 s: the peer is silent or its packets are lost", e.Message);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
        Assert.True(channel.IsClosed);
    }

    [Fact]
    public async Task Cancellation_stops_a_waiting_handshake()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var accept = DtlsSrtpServer.AcceptAsync(new DatagramChannel(_ => { }), ServerCertificate,
            DtlsFingerprint.Parse(ClientCertificate.Fingerprint), Timeout, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept.WaitAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Each_side_notices_the_other_closing()
    {
        var (server, client) = await HandshakeAsync(new ChannelPair(), [DtlsSrtpProfiles.AeadAes128Gcm]);
        await client.DisposeAsync();
        Assert.Equal("closed by us (close_notify sent)", await client.Closed);
        Assert.Equal("the peer sent close_notify", await server.Closed.WaitAsync(TimeSpan.FromSeconds(3)));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Stray_datagrams_around_every_client_datagram_do_not_stop_the_handshake()
    {
        var random = new Random(6347);
        for (int round = 0; round < 5; round++)
        {
            // UDP junk (the channel refuses nearly all of it) and well-formed records of epochs this
            // association never had, as from an old one: both must be dropped without harm.
            var pair = new ChannelPair((datagram, server) =>
            {
                lock (random)
                {
                    server.Deliver(Fuzz.RandomBytes(random, random.Next(0, 200)));
                    server.Deliver(DtlsFuzz.RecordOfEpoch(random, (ushort)random.Next(2, 65536)));
                    server.Deliver(datagram);
                    server.Deliver(DtlsFuzz.RecordOfEpoch(random, (ushort)random.Next(2, 65536)));
                    server.Deliver(Fuzz.RandomBytes(random, random.Next(0, 200)));
                }
            });
            var (server, client) = await HandshakeAsync(pair, [DtlsSrtpProfiles.AeadAes128Gcm]);
            AssertSameKeys(server.Srtp, client.Srtp, saltLength: 12);
            await server.DisposeAsync();
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Mutated_and_undecryptable_records_mid_handshake_end_in_success_or_a_dtls_exception()
    {
        var random = new Random(5764);
        var timeout = TimeSpan.FromSeconds(1);
        var outcomes = new List<string>();
        for (int round = 0; round < 40; round++)
        {
            // After each client datagram, sometimes a mutated copy (a forged epoch-0 fragment can stall the
            // handshake: DTLS cannot authenticate epoch 0) or a random epoch-1 record (BouncyCastle 2.7 fails
            // the handshake on a record that does not decrypt). Any outcome but a DtlsException is a bug.
            var pair = new ChannelPair((datagram, server) =>
            {
                lock (random)
                {
                    server.Deliver(datagram);
                    for (int k = random.Next(3); k > 0; k--)
                        server.Deliver(random.Next(2) == 0 ? Fuzz.Mutate(random, datagram) : DtlsFuzz.RecordOfEpoch(random, 1));
                }
            });
            var serverTask = DtlsSrtpServer.AcceptAsync(pair.Server, ServerCertificate, DtlsFingerprint.Parse(ClientCertificate.Fingerprint), timeout, CancellationToken.None);
            var clientTask = DtlsSrtpClient.ConnectAsync(pair.Client, ClientCertificate, DtlsFingerprint.Parse(ServerCertificate.Fingerprint),
                [DtlsSrtpProfiles.AeadAes128Gcm], timeout, CancellationToken.None);
            foreach (var task in new[] { serverTask, clientTask })
            {
                try
                {
                    await using var session = await task.WaitAsync(TimeSpan.FromSeconds(10));
                    outcomes.Add("completed");
                }
                catch (DtlsException e)
                {
                    outcomes.Add(e.Reason.ToString());
                }
            }
        }
        Assert.Equal(80, outcomes.Count);
        Assert.Contains("completed", outcomes); // most survive: the test is not vacuous
    }

    private static void AssertSameKeys(DtlsSrtpResult server, DtlsSrtpResult client, int saltLength)
    {
        Assert.Equal(server.ClientKey, client.ClientKey);
        Assert.Equal(server.ServerKey, client.ServerKey);
        Assert.Equal(server.ClientSalt, client.ClientSalt);
        Assert.Equal(server.ServerSalt, client.ServerSalt);
        Assert.Equal((16, 16, saltLength, saltLength), (server.ClientKey.Length, server.ServerKey.Length, server.ClientSalt.Length, server.ServerSalt.Length));
        Assert.NotEqual(server.ClientKey, server.ServerKey);
    }

    private static async Task<(DtlsSrtpSession Server, DtlsSrtpSession Client)> HandshakeAsync(ChannelPair pair, ushort[] offered)
    {
        var (server, client) = Start(pair, offered, ClientCertificate, ServerCertificate.Fingerprint);
        return (await server, await client);
    }

    private static async Task<(DtlsException Server, DtlsException Client)> FailuresAsync(ChannelPair pair, ushort[] offered,
        DtlsCertificate? clientCertificate = null, string? expectedServerFingerprint = null)
    {
        var (server, client) = Start(pair, offered, clientCertificate ?? ClientCertificate, expectedServerFingerprint ?? ServerCertificate.Fingerprint);
        return (await Assert.ThrowsAsync<DtlsException>(() => server), await Assert.ThrowsAsync<DtlsException>(() => client));
    }

    private static (Task<DtlsSrtpSession> Server, Task<DtlsSrtpSession> Client) Start(ChannelPair pair, ushort[] offered,
        DtlsCertificate clientCertificate, string expectedServerFingerprint) =>
        (DtlsSrtpServer.AcceptAsync(pair.Server, ServerCertificate, DtlsFingerprint.Parse(ClientCertificate.Fingerprint), Timeout, CancellationToken.None),
         DtlsSrtpClient.ConnectAsync(pair.Client, clientCertificate, DtlsFingerprint.Parse(expectedServerFingerprint), offered, Timeout, CancellationToken.None));
}
