using Veil.Media.Codecs;
using Veil.Media.Pipeline;
using Veil.TestSupport;

namespace Veil.Media.Tests.Pipeline;

/// <summary>The encoded-video tap WebRTC viewers hang on: every packet, in Annex B, with the parameter sets of a global-header encoder.</summary>
public sealed class VideoTapTests
{
    [Fact]
    public async Task The_tap_sees_every_encoded_frame_and_what_it_sees_decodes()
    {
        var dir = SharedData.OutDirectory("media-tests");
        string input = Path.Combine(dir, "tap.mp4"), output = Path.Combine(dir, "tap-out.flv"), tapped = Path.Combine(dir, "tap.h264");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 2, withAudio: false);
        var tap = new RecordingTap();
        var request = new TranscodeRequest(input, [output]) { VideoTap = tap, Encoder = new EncoderSettings { Profile = "main" } };
        using (var pipeline = TranscodePipeline.Create(request, new CountingProcessor()))
            Assert.Equal(50, (await pipeline.RunAsync()).FramesEncoded);

        Assert.Equal(50, tap.Packets.Count);
        Assert.True(tap.Packets[0].Keyframe);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0x67, 77 }, tap.ParameterSets.Take(6)); // FLV wants global headers: the SPS (main profile, 77) comes out of band
        Assert.Equal(40_000, tap.Packets[1].Micros - tap.Packets[0].Micros);

        await File.WriteAllBytesAsync(tapped, tap.ParameterSets.Concat(tap.Packets.SelectMany(p => p.Data)).ToArray());
        var probe = await FfTools.ProbeAsync(tapped);
        Assert.Equal(50, probe.Video.NbReadFrames);
        Assert.Equal(320, probe.Video.Width);
    }

    private sealed class RecordingTap : IEncodedVideoTap
    {
        public List<(byte[] Data, long Micros, bool Keyframe)> Packets { get; } = [];
        public byte[] ParameterSets { get; private set; } = [];

        public void OnVideo(ReadOnlySpan<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets)
        {
            Packets.Add((annexB.ToArray(), ptsMicros, keyframe));
            ParameterSets = parameterSets.ToArray();
        }
    }
}
