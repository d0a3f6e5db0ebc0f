using System.Net;
using System.Text.RegularExpressions;
using Veil.WebRtc.Codecs;
using Veil.WebRtc.Dtls;
using Veil.WebRtc.Ice;
using Veil.WebRtc.Rtcp;
using Veil.WebRtc.Rtp;
using Veil.WebRtc.Sdp;
using Veil.WebRtc.Session;
using Veil.WebRtc.Tests.Matroska;
using Veil.WebRtc.Tests.Sdp;
using Veil.WebRtc.Tests.Session;
using Veil.WebRtc.Whip;

namespace Veil.WebRtc.Tests.Whip;

/// <summary>
/// A WHIP session on a real port, the browser played by Veil's own client layers with a captured
/// Chromium offer: real H.264 and Opus go in as SRTP, live Matroska that FFmpeg decodes comes out;
/// a lost packet is NACKed and a broken picture asks for a keyframe; strangers' packets are counted.
/// </summary>
public sealed class WhipSessionTests : IClassFixture<SampleMedia>, IDisposable
{
    private readonly SampleMedia _media;
    private readonly IceLiteMux _mux = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly WebRtcContext _context;

    public WhipSessionTests(SampleMedia media)
    {
        _media = media;
        _context = new WebRtcContext(_mux, DtlsCertificate.Generate(), [_mux.LocalEndPoint]);
    }

    [Fact]
    public async Task Published_media_comes_out_as_matroska_that_decodes_with_losses_reported_and_strangers_counted()
    {
        await using var browser = BrowserPeer.For(_mux.LocalEndPoint);
        string offer = CapturedOffer(browser.Certificate.Fingerprint, "brow", "browserPassword0123456789");
        var chunks = new List<byte[]>();
        await using var session = WhipSession.Accept(_context, offer, chunk => { lock (chunks) chunks.Add(chunk); });
        session.Start();
        var answer = SessionDescription.Parse(session.Answer).Media[0];
        await browser.ConnectAsync(answer.IceUfrag!, "brow", answer.IcePwd!, _context.Certificate.Fingerprint);
        await session.Connected.WaitAsync(TimeSpan.FromSeconds(5));

        var video = session.Plan.Video;
        uint ssrc = video.Offer.Ssrcs[0].Ssrc;
        var packetizer = new H264Packetizer(ssrc, (byte)video.Codec!.PayloadType, 1000);
        var audio = session.Plan.Audio!;
        ushort audioSequence = 1;
        int lostAt = -1;
        for (int i = 0; i < _media.H264AccessUnits.Count; i++)
        {
            var packets = packetizer.Packetize(_media.H264AccessUnits[i], (uint)(i * 3600));
            foreach (var packet in packets)
            {
                // One packet of frame 30 (a P frame) never arrives: frames up to the next keyframe are lost with it.
                if (i == 30 && lostAt < 0) { lostAt = packet.SequenceNumber; continue; }
                browser.SendRtp(packet.ToArray());
            }
            for (int k = 0; k < 2; k++)
            {
                var opus = _media.OpusPackets[(2 * i + k) % _media.OpusPackets.Count];
                browser.SendRtp(new RtpPacket { PayloadType = (byte)audio.Codec!.PayloadType, SequenceNumber = audioSequence, Timestamp = audioSequence * 960u, Ssrc = audio.Offer.Ssrcs[0].Ssrc, Payload = opus }.ToArray());
                audioSequence++;
            }
            await Task.Delay(5);
        }
        browser.SendRtp(new RtpPacket { PayloadType = (byte)video.Codec.PayloadType, SequenceNumber = 7, Timestamp = 1, Ssrc = 0xdeadbeef, Payload = new byte[] { 0x65, 1 } }.ToArray());
        browser.SendRtp(new RtpPacket { PayloadType = 45, SequenceNumber = packetizer.NextSequenceNumber, Timestamp = 1, Ssrc = ssrc, Payload = new byte[] { 1 } }.ToArray());

        List<RtcpPacket> Feedback() => browser.ReceivedRtcp.SelectMany(p => RtcpReader.TryParse(p, out var list, out _) ? list : []).ToList();
        await WaitFor(() => Feedback().Any(p => p is PictureLossIndication) && session.Stats.Rejected.Count >= 2,
            () => $"NACKs {session.Stats.NacksSent}, PLIs {session.Stats.PlisSent}, video packets {session.Stats.VideoPackets}, frames {session.Stats.VideoFrames}, rejected: {string.Join("; ", session.Stats.Rejected)}");
        var feedback = Feedback();
        Assert.Contains(feedback, p => p is GenericNack nack && nack.MediaSsrc == ssrc && nack.LostSequenceNumbers.Contains((ushort)lostAt));
        Assert.Contains(feedback, p => p is PictureLossIndication pli && pli.MediaSsrc == ssrc);
        Assert.Contains("RTP with an unknown SSRC (not the one the offer announced)", session.Stats.Rejected.Keys);
        Assert.Contains("RTP with a payload type the answer did not accept", session.Stats.Rejected.Keys);

        session.Close("test done");
        Assert.Equal("test done", await session.Closed);
        string mkv = Path.Combine(MediaTool.NewFolder(), "whip.mkv");
        lock (chunks) File.WriteAllBytes(mkv, chunks.SelectMany(c => c).ToArray());
        int frames = MediaTool.DecodedFrames(mkv, "matroska");
        Assert.Equal(30, frames); // 50 sent with keyframes at 0 and 25: frame 30 and every P frame after it dropped, never a broken picture
        Assert.Contains("opus", MediaTool.Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", mkv));
    }

    [Fact]
    public void An_offer_veil_cannot_take_says_why_before_anything_starts()
    {
        var noVideo = Regex.Replace(CapturedOffer("sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)), "brow", "browserPassword0123456789"),
            @"H264/90000|VP8/90000", "XYZ/90000");
        var error = Assert.Throws<SdpException>(() => WhipSession.Accept(_context, noVideo, _ => { }));
        Assert.Contains("H.264", error.Message);
        Assert.Throws<SdpException>(() => WhipSession.Accept(_context, "v=0\r\nnonsense\r\n", _ => { }));
    }

    /// <summary>The Chromium 156 publish offer of the corpus, with this test's browser credentials in it.</summary>
    private static string CapturedOffer(string fingerprint, string ufrag, string password) =>
        Regex.Replace(Regex.Replace(Regex.Replace(SdpCorpus.ReadCrlf("valid-chromium-156-captured-publish.sdp"),
            "a=fingerprint:.*", "a=fingerprint:" + fingerprint), "a=ice-ufrag:.*", "a=ice-ufrag:" + ufrag), "a=ice-pwd:.*", "a=ice-pwd:" + password)
            .Replace("\r\r", "\r");

    private static async Task WaitFor(Func<bool> condition, Func<string> state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time: " + state());
            await Task.Delay(20);
        }
    }

    public void Dispose() => _mux.Dispose();
}
