using System.Diagnostics;
using System.Net;
using System.Text;
using Veil.WebRtc.Sdp;

namespace Veil.WebRtc.Tests.Sdp;

/// <summary>The corpus replayed, then tens of thousands of random and mutated descriptions: only <see cref="SdpException"/> may escape.</summary>
public sealed class SdpFuzzTests
{
    private static readonly LocalIce Local = new(IceCredentials.NewUfrag(), IceCredentials.NewPassword(),
        "sha-256 90:89:FA:D0:C8:CB:3F:BB:33:EB:96:ED:DD:56:0F:3E:E0:B1:ED:7A:DF:62:02:15:BB:DB:A4:B9:D1:84:72:14",
        [new IPEndPoint(IPAddress.Loopback, 40000)]);

    private static readonly string[] Tokens =
    [
        "a=rtpmap:", "a=fmtp:", "a=rtcp-fb:", "a=mid:", "a=group:BUNDLE ", "m=video 9 UDP/TLS/RTP/SAVPF ", "m=audio 0 RTP/AVP ",
        "a=ssrc:", "a=ssrc-group:FID ", "a=candidate:", "a=extmap:", "a=fingerprint:sha-256 ", "a=setup:", "a=ice-ufrag:",
        "4294967296", "-1", "127", "128", "65536", ":", " ", "/", ";", "=", "\r\n", "\n", "\0", "é", "*", "H264/90000", "opus/48000/2",
    ];

    public static IEnumerable<object[]> Offers() => SdpCorpus.Names(".sdp");

    public static IEnumerable<object[]> Fragments() => SdpCorpus.Names(".sdpfrag");

    [Theory]
    [MemberData(nameof(Offers))]
    public void Corpus_offers_parse_or_fail_as_named(string name)
    {
        string text = SdpCorpus.Read(name);
        if (name.StartsWith("bad-", StringComparison.Ordinal))
        {
            Assert.Throws<SdpException>(() => SessionDescription.Parse(text));
            return;
        }
        var offer = SessionDescription.Parse(text);
        var plan = offer.Media.Any(m => m.Direction == MediaDirection.RecvOnly) ? WebRtcOffer.PlanEgress(offer, true) : WebRtcOffer.PlanIngest(offer);
        Assert.Equal(offer.Media.Count, SessionDescription.Parse(AnswerBuilder.BuildAnswer(plan, Local)).Media.Count);
    }

    [Theory]
    [MemberData(nameof(Fragments))]
    public void Corpus_fragments_parse_or_fail_as_named(string name)
    {
        string text = SdpCorpus.Read(name);
        if (name.StartsWith("trickle-bad-", StringComparison.Ordinal)) Assert.Throws<SdpException>(() => TrickleFragment.Parse(text));
        else Assert.NotEmpty(TrickleFragment.Parse(text).Candidates);
    }

    [Fact]
    public void Random_and_mutated_descriptions_never_escape_as_anything_but_an_sdp_error()
    {
        var random = new Random(8866);
        var seeds = SdpCorpus.Names(".sdp").Select(n => SdpCorpus.Read((string)n[0])).ToArray();
        var fragments = SdpCorpus.Names(".sdpfrag").Select(n => SdpCorpus.Read((string)n[0])).ToArray();
        var clock = Stopwatch.StartNew();
        int parsed = 0, planned = 0;
        for (int i = 0; i < 30_000; i++)
        {
            string text = (i % 4) switch
            {
                0 => RandomText(random),
                3 => Mutate(random, fragments[random.Next(fragments.Length)]),
                _ => Mutate(random, seeds[random.Next(seeds.Length)]),
            };
            try
            {
                if (i % 4 == 3)
                {
                    TrickleFragment.Parse(text);
                    continue;
                }
                var offer = SessionDescription.Parse(text);
                parsed++;
                var plan = random.Next(2) == 0 ? WebRtcOffer.PlanIngest(offer) : WebRtcOffer.PlanEgress(offer, random.Next(2) == 0);
                planned++;
                // An answer to anything Veil accepted must itself be valid SDP.
                SessionDescription.Parse(AnswerBuilder.BuildAnswer(plan, Local));
            }
            catch (SdpException) { }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"30,000 descriptions took {clock.Elapsed}");
        Assert.True(parsed > 1_000 && planned > 100, $"mutations too destructive to reach the planner: {parsed} parsed, {planned} planned");
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder(random.Next(2) == 0 ? "v=0\n" : "");
        for (int n = random.Next(0, 40); n > 0; n--)
            text.Append(random.Next(3) == 0 ? (char)random.Next(0, 0x250) : Tokens[random.Next(Tokens.Length)]);
        return text.ToString();
    }

    private static string Mutate(Random random, string source)
    {
        var lines = source.Split('\n').ToList();
        for (int k = random.Next(1, 4); k > 0 && lines.Count > 1; k--)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(6))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(random.Next(lines.Count), lines[at]); break;
                case 2: (lines[at], lines[0]) = (lines[0], lines[at]); break;
                case 3: lines[at] = Splice(random, lines[at], Tokens[random.Next(Tokens.Length)]); break;
                case 4: lines[at] = Splice(random, lines[at], ((char)random.Next(0, 0x80)).ToString()); break;
                default: lines[at] = lines[at][..random.Next(lines[at].Length + 1)]; break;
            }
        }
        return string.Join('\n', lines);
    }

    private static string Splice(Random random, string line, string insert)
    {
        int at = random.Next(line.Length + 1);
        int cut = random.Next(Math.Min(3, line.Length - at) + 1);
        return line[..at] + insert + line[(at + cut)..];
    }
}
