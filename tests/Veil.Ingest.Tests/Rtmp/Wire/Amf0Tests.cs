using Veil.Ingest.Rtmp.Wire;

namespace Veil.Ingest.Tests.Rtmp.Wire;

public sealed class Amf0Tests
{
    [Fact]
    public void Amf0_reads_back_what_it_writes_and_names_what_is_cut_short()
    {
        var bytes = Amf0.Write("connect", 1.0, new Dictionary<string, object?> { ["app"] = "live", ["n"] = 2.5, ["ok"] = true }, null);
        var values = Amf0.ReadAll(bytes);
        Assert.Equal("connect", values[0]);
        Assert.Equal(1.0, values[1]);
        var props = Assert.IsType<Dictionary<string, object?>>(values[2]);
        Assert.Equal(("live", 2.5, true), ((string)props["app"]!, (double)props["n"]!, (bool)props["ok"]!));
        Assert.Null(values[3]);
        var e = Assert.Throws<RtmpProtocolException>(() => Amf0.ReadAll(bytes.AsSpan(0, bytes.Length - 8)));
        Assert.Contains("cut short", e.Message);
        Assert.Contains("unknown AMF0 type marker 0x42", Assert.Throws<RtmpProtocolException>(() => Amf0.ReadAll([0x42])).Message);
    }

    [Fact]
    public void Nesting_and_array_counts_beyond_the_bytes_are_refused_without_allocating_for_them()
    {
        var deep = Enumerable.Repeat(new byte[] { 0x0A, 0, 0, 0, 1 }, 40).SelectMany(b => b).ToArray(); // arrays in arrays
        Assert.Contains("nested deeper", Assert.Throws<RtmpProtocolException>(() => Amf0.ReadAll(deep)).Message);
        Assert.Contains("array of 4294967295 items", Assert.Throws<RtmpProtocolException>(() => Amf0.ReadAll([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0])).Message);
    }
}
