using System.Buffers.Binary;
using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>SRTP through a sender and a receiver session: round trips, tampering, replay, reordering and rollover.</summary>
public sealed class SrtpRtpTests
{
    private const uint Ssrc = 0x11223344;
    private static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff");

    public static TheoryData<SrtpProfile> Profiles => [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Round_trip_keeps_the_header_clear_encrypts_the_payload_and_adds_the_tag(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        // Two CSRCs and a one-word header extension: the payload starts at byte 28.
        var rtp = Convert.FromHexString("92601234000000a0" + "11223344" + "aaaaaaaa" + "bbbbbbbb" + "bede0001" + "10ff0000" + "68656c6c6f2073727470");
        var srtp = Protect(sender, rtp);
        Assert.Equal(rtp.Length + profile.AuthTagLength(), srtp.Length);
        Assert.Equal(rtp[..28], srtp[..28]);
        Assert.NotEqual(rtp[28..], srtp[28..rtp.Length]);
        Assert.Equal(rtp, Unprotect(receiver, srtp));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Changing_any_byte_fails_authentication(SrtpProfile profile)
    {
        var srtp = Protect(Pair(profile).Sender, Rtp(seq: 7, payloadLength: 20));
        for (int i = 0; i < srtp.Length; i++)
        {
            var tampered = (byte[])srtp.Clone();
            tampered[i] ^= 0x01; // in byte 0 that makes one CSRC, which still fits
            var receiver = Pair(profile).Receiver;
            Assert.False(receiver.TryUnprotectRtp(tampered, new byte[tampered.Length], out _, out var error), $"byte {i}");
            Assert.Equal("authentication tag mismatch", error);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_replayed_packet_is_refused(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var srtp = Protect(sender, Rtp(seq: 1234));
        Unprotect(receiver, srtp);
        Assert.Equal("replayed packet seq 1234", Assert.Throws<SrtpException>(() => Unprotect(receiver, srtp)).Message);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Packets_reordered_within_the_window_are_accepted_once_and_older_ones_refused(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var packets = Enumerable.Range(100, 80).Select(seq => Protect(sender, Rtp((ushort)seq))).ToArray();
        foreach (int seq in new[] { 170, 110, 169, 107 }) Assert.Equal(Rtp((ushort)seq), Unprotect(receiver, packets[seq - 100]));
        Assert.Equal("replayed packet seq 110", Assert.Throws<SrtpException>(() => Unprotect(receiver, packets[10])).Message);
        foreach (int seq in new[] { 175, 112 }) Unprotect(receiver, packets[seq - 100]);
        // 175 is the newest: 112 (63 behind) was still in the window, 111 (64 behind) is not.
        var e = Assert.Throws<SrtpException>(() => Unprotect(receiver, packets[11]));
        Assert.Equal("packet seq 111 is 64 behind the newest, older than the 64-packet replay window", e.Message);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_forged_packet_does_not_move_the_window(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var packets = new[] { 100, 50, 1000 }.Select(seq => Protect(sender, Rtp((ushort)seq))).ToArray();
        Unprotect(receiver, packets[0]);
        var forged = (byte[])packets[2].Clone();
        forged[^1] ^= 0xFF;
        Assert.Throws<SrtpException>(() => Unprotect(receiver, forged));
        Assert.Equal(Rtp(50), Unprotect(receiver, packets[1])); // would be too old had 1000 been taken
        Assert.Equal(Rtp(1000), Unprotect(receiver, packets[2]));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Sequence_numbers_wrapping_past_65535_roll_the_counter_over_and_still_decrypt(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        ushort[] order = [65533, 65534, 65535, 0, 1, 2, 3];
        var packets = order.Select(seq => Protect(sender, Rtp(seq))).ToArray();
        // Delivered out of order across the wrap: 0 before 65535, 2 before 1.
        foreach (int i in new[] { 0, 1, 3, 2, 5, 4, 6 }) Assert.Equal(Rtp(order[i]), Unprotect(receiver, packets[i]));
        Assert.Contains("replayed packet seq 65535", Assert.Throws<SrtpException>(() => Unprotect(receiver, packets[2])).Message);
    }

    [Fact]
    public void A_receiver_that_missed_the_wrap_cannot_authenticate_the_next_roll()
    {
        // ROC is implicit: a packet of roll 1 checked as roll 0 fails, which is why the guess matters.
        var (sender, receiver) = Pair(SrtpProfile.Aes128CmHmacSha1_80);
        Unprotect(receiver, Protect(sender, Rtp(10)));
        Protect(sender, Rtp(30000));
        Protect(sender, Rtp(60000));
        var rollOne = Protect(sender, Rtp(20)); // roll 1 to the sender, which saw 60000 go by
        Assert.Equal("authentication tag mismatch", Assert.Throws<SrtpException>(() => Unprotect(receiver, rollOne)).Message);
    }

    [Fact]
    public void A_packet_from_before_the_first_roll_is_refused()
    {
        var (sender, receiver) = Pair(SrtpProfile.Aes128CmHmacSha1_80);
        Unprotect(receiver, Protect(sender, Rtp(10)));
        var late = Protect(Pair(SrtpProfile.Aes128CmHmacSha1_80).Sender, Rtp(60000));
        Assert.Contains("would come before the stream's first packet", Assert.Throws<SrtpException>(() => Unprotect(receiver, late)).Message);
    }

    [Fact]
    public void Each_ssrc_has_its_own_window()
    {
        var (sender, receiver) = Pair(SrtpProfile.AeadAes128Gcm);
        var first = Protect(sender, Rtp(5));
        var other = Rtp(5);
        BinaryPrimitives.WriteUInt32BigEndian(other.AsSpan(8), Ssrc + 1);
        Unprotect(receiver, first);
        Assert.Equal(other, Unprotect(receiver, Protect(sender, other)));
    }

    [Fact]
    public void Output_too_small_and_wrong_key_lengths_are_argument_errors()
    {
        var (sender, receiver) = Pair(SrtpProfile.AeadAes128Gcm);
        var rtp = Rtp(1);
        Assert.Throws<ArgumentException>(() => sender.ProtectRtp(rtp, new byte[rtp.Length + 15]));
        Assert.Throws<ArgumentException>(() => receiver.UnprotectRtp(rtp, new byte[rtp.Length - 1]));
        Assert.Throws<ArgumentException>(() => new SrtpSession(SrtpProfile.AeadAes128Gcm, Key, new byte[14]));
        Assert.Throws<ArgumentException>(() => new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, new byte[32], new byte[14]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SrtpSession((SrtpProfile)0x0002, Key, new byte[14]));
    }

    [Fact]
    public void Protecting_a_malformed_rtp_packet_says_why()
    {
        var sender = Pair(SrtpProfile.Aes128CmHmacSha1_80).Sender;
        var e = Assert.Throws<SrtpException>(() => sender.ProtectRtp(new byte[9], new byte[64]));
        Assert.Equal("packet of 9 bytes is shorter than an RTP header (12)", e.Message);
    }

    internal static byte[] Rtp(ushort seq, int payloadLength = 16)
    {
        var packet = new byte[12 + payloadLength];
        packet[0] = 0x80;
        packet[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), seq * 3000u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), Ssrc);
        for (int i = 12; i < packet.Length; i++) packet[i] = (byte)(seq + i);
        return packet;
    }

    private static (SrtpSession Sender, SrtpSession Receiver) Pair(SrtpProfile profile)
    {
        var salt = new byte[profile.MasterSaltLength()];
        for (int i = 0; i < salt.Length; i++) salt[i] = (byte)(0xA0 + i);
        return (new SrtpSession(profile, Key, salt), new SrtpSession(profile, Key, salt));
    }

    private static byte[] Protect(SrtpSession session, byte[] rtp)
    {
        var output = new byte[rtp.Length + SrtpSession.MaxRtpOverhead];
        return output[..session.ProtectRtp(rtp, output)];
    }

    private static byte[] Unprotect(SrtpSession session, byte[] srtp)
    {
        var output = new byte[srtp.Length];
        return output[..session.UnprotectRtp(srtp, output)];
    }
}
