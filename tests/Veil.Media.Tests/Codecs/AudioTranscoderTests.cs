using Veil.Media.Codecs;
using Veil.Media.Demux;
using Veil.TestSupport;

namespace Veil.Media.Tests.Codecs;

/// <summary>
/// Audio that an RTMP output cannot carry (Opus from a browser, PCM from a camera) is re-encoded
/// to AAC for the whole life of a live stream: its packets must come from, and go back to, the
/// pipeline's pool. They once were new objects the mux then handed to the pool, which allocated
/// per packet and grew the pool by one packet shell for every AAC packet ever sent.
/// </summary>
public sealed class AudioTranscoderTests
{
    [Fact]
    public async Task Opus_becomes_aac_from_pooled_packets_with_no_allocation_once_warm()
    {
        string input = Path.Combine(SharedData.OutDirectory("audio-transcoder"), "opus.mkv");
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=64x64:rate=5:duration=8",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8",
            "-c:v", "libx264", "-c:a", "libopus", input], TimeSpan.FromMinutes(1))).EnsureSuccess();

        using var media = MediaInput.Open(input);
        var audio = media.BestAudio!;
        using var pool = new PacketPool();
        using var transcoder = new AudioTranscoder(media, audio, globalHeader: false, pool);
        int packetsIn = 0, packetsOut = 0;
        long allocated = 0;
        var read = pool.Rent();
        while (media.TryReadPacket(read))
        {
            if (read.StreamIndex != audio.Index) continue;
            long before = GC.GetAllocatedBytesForCurrentThread();
            transcoder.Send(read);
            pool.Return(read);
            while (transcoder.TryReceive(out var aac))
            {
                Assert.True(aac!.Size > 0);
                packetsOut++;
                pool.Return(aac);
            }
            read = pool.Rent();
            if (++packetsIn > 50) allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        pool.Return(read);

        Assert.InRange(packetsOut, 8 * 48000 / 1024 - 5, 8 * 48000 / 1024 + 5); // 1024 samples an AAC frame
        Assert.True(allocated == 0, $"{allocated} managed bytes allocated over {packetsIn - 50} packets once warm");
    }
}
