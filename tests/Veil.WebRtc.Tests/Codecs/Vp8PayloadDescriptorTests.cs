using Veil.WebRtc.Codecs;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>The VP8 payload descriptor (RFC 7741 §4.2) with each optional field, and cut short.</summary>
public sealed class Vp8PayloadDescriptorTests
{
    [Fact]
    public void The_one_byte_form_has_just_the_flags_and_partition()
    {
        var d = Parse("3302");
        Assert.Equal((true, true, 3, 1), (d.NonReference, d.StartOfPartition, d.PartitionIndex, d.Size));
        Assert.False(d.StartsFrame); // partition 3, not 0
        Assert.Null(d.PictureId);
    }

    [Fact]
    public void A_seven_bit_picture_id()
    {
        var d = Parse("90 80 7f aa");
        Assert.Equal((127, false, 3), (d.PictureId, d.HasLongPictureId, d.Size));
        Assert.True(d.StartsFrame);
    }

    [Fact]
    public void A_fifteen_bit_picture_id_when_m_is_set()
    {
        var d = Parse("90 80 ff fe aa");
        Assert.Equal((0x7ffe, true, 4), (d.PictureId, d.HasLongPictureId, d.Size));
    }

    [Fact]
    public void Tl0picidx_tid_y_and_keyidx()
    {
        var d = Parse("80 f0 85 01 0a e3 aa");
        Assert.Equal((0x0501, 10, 3, true, 3, 6), (d.PictureId, d.Tl0PictureIndex, d.TemporalLayer, d.LayerSync, d.KeyIndex, d.Size));
        var keyOnly = Parse("80 10 1f");
        Assert.Null(keyOnly.TemporalLayer);
        Assert.Null(keyOnly.PictureId);
        Assert.Equal((31, 3), (keyOnly.KeyIndex, keyOnly.Size));
    }

    [Theory]
    [InlineData("", "an empty VP8 payload")]
    [InlineData("80", "X set but no extension byte")]
    [InlineData("8080", "I set but no picture ID")]
    [InlineData("808080", "15-bit picture ID (M set) cut short")]
    [InlineData("8040", "L set but no TL0PICIDX")]
    [InlineData("8020", "T or K set but no TID/KEYIDX byte")]
    [InlineData("80f08001aa", "T or K set but no TID/KEYIDX byte")]
    public void A_cut_short_descriptor_says_which_field_is_missing(string hex, string reason)
    {
        Assert.False(Vp8PayloadDescriptor.TryParse(Convert.FromHexString(hex), out _, out var error));
        Assert.Contains(reason, error);
    }

    private static Vp8PayloadDescriptor Parse(string hex)
    {
        Assert.True(Vp8PayloadDescriptor.TryParse(Convert.FromHexString(hex.Replace(" ", "")), out var descriptor, out var error), error);
        return descriptor;
    }
}
