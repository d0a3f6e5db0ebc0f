using Veil.WebRtc.Codecs;
using Veil.WebRtc.Matroska;

namespace Veil.WebRtc.Tests.Matroska;

/// <summary>The pieces under the writer: EBML numbers, Annex B walking, avcC, OpusHead, SPS and VP8 picture sizes.</summary>
public sealed class MatroskaPartsTests(SampleMedia media) : IClassFixture<SampleMedia>
{
    [Theory]
    [InlineData(0L, new byte[] { 0x80 })]
    [InlineData(126L, new byte[] { 0xFE })]
    [InlineData(127L, new byte[] { 0x40, 0x7F })] // 0xFF alone would mean "unknown"
    [InlineData(16382L, new byte[] { 0x7F, 0xFE })]
    [InlineData(16383L, new byte[] { 0x20, 0x3F, 0xFF })]
    public void Sizes_are_the_shortest_vint_that_is_not_all_ones(long size, byte[] expected)
    {
        var bytes = new byte[8];
        Assert.Equal(expected, bytes[..Ebml.WriteSize(bytes, size)]);
    }

    [Fact]
    public void Ids_unsigned_values_and_the_unknown_size_encode_as_rfc_8794_shows()
    {
        var bytes = new byte[16];
        Assert.Equal(new byte[] { 0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40 }, bytes[..Ebml.WriteUnsigned(bytes, MatroskaIds.TimestampScale, 1_000_000)]);
        Assert.Equal(new byte[] { 0xE7, 0x81, 0x00 }, bytes[..Ebml.WriteUnsigned(bytes, MatroskaIds.Timestamp, 0)]);
        Assert.Equal(new byte[] { 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, bytes[..Ebml.WriteUnknownSize(bytes)]);
    }

    [Fact]
    public void Annex_b_units_are_found_after_3_and_4_byte_start_codes_without_trailing_zeros()
    {
        byte[] au = [0xAA, 0, 0, 0, 1, 0x09, 0xF0, 0, 0, 1, 0x67, 1, 2, 3, 0, 0, 0, 0, 1, 0x68, 9, 0, 0, 1, 0, 0, 1, 0x65, 7];
        var units = new List<byte[]>();
        int position = 0;
        while (AnnexB.TryNext(au, ref position, out var range)) units.Add(au[range]);
        Assert.Equal([[0x09, 0xF0], [0x67, 1, 2, 3], [0x68, 9], [0x65, 7]], units);
        Assert.Equal((4 * 4 + 10, 4), Avcc.Measure(au));
        var avcc = new byte[26];
        Avcc.Write(au, avcc);
        Assert.Equal(new byte[] { 0, 0, 0, 2, 0x09, 0xF0, 0, 0, 0, 4, 0x67, 1, 2, 3 }, avcc[..14]);
        Assert.Equal((0, 0), Avcc.Measure([1, 2, 3, 4]));
    }

    [Fact]
    public void The_avcc_record_carries_profile_level_and_the_parameter_sets()
    {
        byte[] au = [0, 0, 0, 1, 0x67, 0x42, 0xC0, 0x1F, 0xAB, 0, 0, 0, 1, 0x68, 0xCE, 0x38, 0x80, 0, 0, 1, 0x65, 0x88];
        Assert.True(AvcConfiguration.TryBuild(au, out var record, out var sps));
        Assert.Equal(new byte[] { 0x67, 0x42, 0xC0, 0x1F, 0xAB }, sps);
        Assert.Equal(new byte[] { 1, 0x42, 0xC0, 0x1F, 0xFF, 0xE1, 0, 5, 0x67, 0x42, 0xC0, 0x1F, 0xAB, 1, 0, 4, 0x68, 0xCE, 0x38, 0x80 }, record);
        Assert.False(AvcConfiguration.TryBuild([0, 0, 1, 0x65, 0x88], out _, out _));
    }

    [Fact]
    public void Opus_head_is_the_19_bytes_of_rfc_7845_for_stereo_48_khz()
    {
        Assert.Equal("OpusHead"u8.ToArray().Concat(new byte[] { 1, 2, 0x38, 0x01, 0x80, 0xBB, 0, 0, 0, 0, 0 }), OpusHead.Build());
        Assert.Equal(6_500_000, OpusHead.CodecDelayNs); // 312 samples at 48 kHz
    }

    [Theory]
    [InlineData(320, 240, "yuv420p")]
    [InlineData(318, 178, "yuv420p")] // cropped from 320x192
    [InlineData(1920, 1080, "yuv420p")] // cropped from 1088 lines
    [InlineData(322, 180, "yuv422p")] // High 4:2:2 profile: chroma_format_idc 2
    public void The_sps_of_real_encoder_output_gives_the_picture_size(int width, int height, string pixelFormat)
    {
        string file = Path.Combine(Path.GetTempPath(), $"veil-sps-{Guid.NewGuid():N}.h264");
        try
        {
            MediaTool.Ffmpeg("-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate=25", "-frames:v", "1", "-c:v", "libx264",
                "-pix_fmt", pixelFormat, "-bsf:v", "h264_mp4toannexb", "-f", "h264", file);
            var sps = SampleMedia.Units(File.ReadAllBytes(file)).First(u => (u[0] & 0x1F) == 7);
            Assert.True(H264Sps.TryReadSize(sps, out int w, out int h));
            Assert.Equal((width, height), (w, h));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_truncated_sps_is_refused_rather_than_guessed()
    {
        var sps = SampleMedia.Units(media.H264AccessUnits[0]).First(u => (u[0] & 0x1F) == 7);
        for (int length = 1; length < 6; length++) Assert.False(H264Sps.TryReadSize(sps[..length], out _, out _));
    }

    [Fact]
    public void A_vp8_keyframe_gives_its_size_and_an_interframe_gives_none()
    {
        Assert.True(Vp8KeyframeHeader.TryRead(media.Vp8Frames[0], out int width, out int height));
        Assert.Equal((320, 240), (width, height));
        Assert.False(Vp8KeyframeHeader.TryRead(media.Vp8Frames[1], out _, out _));
    }
}
