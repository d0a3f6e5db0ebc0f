using System.Buffers.Binary;
using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>SRTCP through a sender and a receiver session: indices, round trips, tampering and replay.</summary>
public sealed class SrtcpTests
{
    private static readonly byte[] Key = Convert.FromHexString("0f0e0d0c0b0a09080706050403020100");

    public static TheoryData<SrtpProfile> Profiles => [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Round_trip_numbers_packets_from_zero_with_the_e_flag_set(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        for (uint n = 0; n < 3; n++)
        {
            var rtcp = ReceiverReport(0xAABBCCDD, (byte)n);
            var srtcp = Protect(sender, rtcp);
            Assert.Equal(rtcp.Length + 4 + profile.AuthTagLength(), srtcp.Length);
            Assert.Equal(rtcp[..8], srtcp[..8]);
            Assert.NotEqual(rtcp[8..], srtcp[8..rtcp.Length]);
            // RFC 3711 puts the E flag and index before the tag, RFC 7714 after it.
            int at = profile == SrtpProfile.AeadAes128Gcm ? srtcp.Length - 4 : rtcp.Length;
            Assert.Equal(0x8000_0000u | n, BinaryPrimitives.ReadUInt32BigEndian(srtcp.AsSpan(at)));
            Assert.Equal(rtcp, Unprotect(receiver, srtcp));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Changing_any_byte_fails_authentication(SrtpProfile profile)
    {
        var srtcp = Protect(Pair(profile).Sender, ReceiverReport(7, 1));
        for (int i = 0; i < srtcp.Length; i++)
        {
            var tampered = (byte[])srtcp.Clone();
            tampered[i] ^= 0x01;
            Assert.False(Pair(profile).Receiver.TryUnprotectRtcp(tampered, new byte[tampered.Length], out _, out var error), $"byte {i}");
            Assert.Equal("authentication tag mismatch", error);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Replays_and_indices_older_than_the_window_are_refused_reordering_is_not(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var packets = Enumerable.Range(0, 70).Select(n => Protect(sender, ReceiverReport(42, (byte)n))).ToArray();
        Unprotect(receiver, packets[3]);
        Unprotect(receiver, packets[1]);
        Assert.Equal("replayed SRTCP index 3", Assert.Throws<SrtpException>(() => Unprotect(receiver, packets[3])).Message);
        Unprotect(receiver, packets[69]);
        Assert.Equal(ReceiverReport(42, 6), Unprotect(receiver, packets[6])); // 63 behind
        var e = Assert.Throws<SrtpException>(() => Unprotect(receiver, packets[5]));
        Assert.Equal("SRTCP index 5 is 64 behind the newest, older than the 64-packet replay window", e.Message);
    }

    [Fact]
    public void A_cm_packet_sent_without_encryption_is_authenticated_and_returned_as_is()
    {
        // RFC 3711 §3.4: E = 0 means the sender only tagged it. Built here with the session keys by hand.
        var keys = SrtpSessionKeys.Derive(SrtpProfile.Aes128CmHmacSha1_80, Key, new byte[14], rtcp: true);
        var rtcp = ReceiverReport(9, 9);
        var srtcp = new byte[rtcp.Length + 14];
        rtcp.CopyTo(srtcp, 0);
        BinaryPrimitives.WriteUInt32BigEndian(srtcp.AsSpan(rtcp.Length), 5); // E = 0, index 5
        System.Security.Cryptography.HMACSHA1.HashData(keys.AuthKey, srtcp.AsSpan(0, rtcp.Length + 4)).AsSpan(0, 10).CopyTo(srtcp.AsSpan(rtcp.Length + 4));
        using var receiver = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, Key, new byte[14]);
        Assert.Equal(rtcp, Unprotect(receiver, srtcp));
    }

    [Theory]
    [InlineData(new byte[] { 0x81, 0xc9, 0x00 }, "packet of 3 bytes is shorter than an RTCP header (8)")]
    [InlineData(new byte[] { 0x41, 0xc9, 0x00, 0x01, 0, 0, 0, 1 }, "RTCP version 1, expected 2")]
    public void Protecting_a_malformed_rtcp_packet_says_why(byte[] rtcp, string reason)
    {
        var e = Assert.Throws<SrtpException>(() => Pair(SrtpProfile.AeadAes128Gcm).Sender.ProtectRtcp(rtcp, new byte[64]));
        Assert.Equal(reason, e.Message);
    }

    /// <summary>An RTCP receiver report (RFC 3550 §6.4.2) with one report block whose fields are <paramref name="fill"/>.</summary>
    private static byte[] ReceiverReport(uint ssrc, byte fill)
    {
        var packet = new byte[32];
        packet[0] = 0x81;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        packet.AsSpan(8).Fill(fill);
        return packet;
    }

    private static (SrtpSession Sender, SrtpSession Receiver) Pair(SrtpProfile profile)
    {
        var salt = new byte[profile.MasterSaltLength()];
        return (new SrtpSession(profile, Key, salt), new SrtpSession(profile, Key, salt));
    }

    private static byte[] Protect(SrtpSession session, byte[] rtcp)
    {
        var output = new byte[rtcp.Length + SrtpSession.MaxRtcpOverhead];
        return output[..session.ProtectRtcp(rtcp, output)];
    }

    private static byte[] Unprotect(SrtpSession session, byte[] srtcp)
    {
        var output = new byte[srtcp.Length];
        return output[..session.UnprotectRtcp(srtcp, output)];
    }
}
