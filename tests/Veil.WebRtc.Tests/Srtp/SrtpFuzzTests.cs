using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>
/// The seed corpus replayed with the reason each packet expects, then random bytes and mutated
/// valid packets: TryUnprotect* must never throw, and must never accept anything but a packet
/// the sender made (a mutation that changes nothing is skipped, since that one is genuine).
/// </summary>
public sealed class SrtpFuzzTests
{
    public static TheoryData<string> RtpCorpus => SrtpCorpus.Names(SrtpCorpus.Rtp);
    public static TheoryData<string> RtcpCorpus => SrtpCorpus.Names(SrtpCorpus.Rtcp);

    [Theory]
    [MemberData(nameof(RtpCorpus))]
    public void Rtp_corpus_packet_gives_its_expected_outcome(string name)
    {
        var (packet, expect) = SrtpCorpus.Read(SrtpCorpus.Rtp, name);
        using var session = LibSrtpReference.SessionFor(name);
        bool accepted = session.TryUnprotectRtp(packet, new byte[packet.Length], out _, out var error);
        AssertOutcome(expect, accepted, error);
    }

    [Theory]
    [MemberData(nameof(RtcpCorpus))]
    public void Rtcp_corpus_packet_gives_its_expected_outcome(string name)
    {
        var (packet, expect) = SrtpCorpus.Read(SrtpCorpus.Rtcp, name);
        using var session = LibSrtpReference.SessionFor(name);
        bool accepted = session.TryUnprotectRtcp(packet, new byte[packet.Length], out _, out var error);
        AssertOutcome(expect, accepted, error);
    }

    [Theory]
    [InlineData("cm-", 3711)]
    [InlineData("gcm-", 7714)]
    public void Random_and_mutated_packets_are_refused_without_throwing(string prefix, int seed)
    {
        var random = new Random(seed);
        var rtpSeeds = SrtpCorpus.Valid(SrtpCorpus.Rtp, prefix);
        var rtcpSeeds = SrtpCorpus.Valid(SrtpCorpus.Rtcp, prefix);
        Assert.NotEmpty(rtpSeeds);
        Assert.NotEmpty(rtcpSeeds);
        using var session = LibSrtpReference.SessionFor(prefix);
        var output = new byte[256];
        for (int i = 0; i < 20_000; i++)
        {
            bool rtcp = i % 2 == 1;
            var seeds = rtcp ? rtcpSeeds : rtpSeeds;
            byte[] packet = (i / 2) % 2 == 0 ? RandomBytes(random, random.Next(0, 120)) : Mutate(random, seeds[random.Next(seeds.Length)]);
            if (seeds.Any(s => s.AsSpan().SequenceEqual(packet))) continue;
            bool accepted = rtcp
                ? session.TryUnprotectRtcp(packet, output, out _, out var error)
                : session.TryUnprotectRtp(packet, output, out _, out error);
            Assert.False(accepted, $"accepted {Convert.ToHexString(packet)}");
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    private static void AssertOutcome(string? expect, bool accepted, string? error)
    {
        if (expect is null) Assert.True(accepted, error);
        else
        {
            Assert.False(accepted);
            Assert.Contains(expect, error);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        // Half of them look like version 2 RTP or RTCP, to get past the first check.
        if (length > 0 && random.Next(2) == 0) bytes[0] = (byte)(0x80 | (bytes[0] & 0x3F));
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] source)
    {
        var bytes = (byte[])source.Clone();
        for (int k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return random.Next(4) switch
        {
            0 => bytes[..random.Next(bytes.Length)],
            1 => [.. bytes, .. RandomBytes(random, random.Next(1, 8))],
            _ => bytes,
        };
    }
}
