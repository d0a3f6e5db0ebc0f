using System.Globalization;
using Veil.Fuzz.Runner;
using Veil.Fuzz.Targets;
using Veil.Ingest.Rtmp.Wire;
using Veil.TestSupport.Fuzzing;

namespace Veil.Ingest.Tests.Rtmp.Wire;

/// <summary>
/// The Amf0 corpus (Corpus/Amf0): the command and metadata bodies ffmpeg, ffprobe and GStreamer sent,
/// Veil's own reply, every type and deep nesting read into their values; broken values refused with a
/// protocol error that says where; mutations of them all read or refused the same way.
/// </summary>
public sealed class Amf0CorpusTests
{
    private const string Parser = "Amf0";

    /// <summary>Each seed's values (strings quoted, objects as their keys, arrays as their length), or the protocol error's words.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["ecma-array-count-lies.hex"] = "{k}",
        ["every-type.hex"] = "-1.5 true 'héllo' {a} null null {width,stereo} [3] 1700000000000 'long string'",
        ["ffmpeg-h264-aac-FCPublish.hex"] = "'FCPublish' 3 null 'capturekey1'",
        ["ffmpeg-h264-aac-connect.hex"] = "'connect' 1 {app,type,flashVer,tcUrl}",
        ["ffmpeg-h264-aac-createStream.hex"] = "'createStream' 4 null",
        ["ffmpeg-h264-aac-publish.hex"] = "'publish' 5 null 'capturekey1' 'live'",
        ["ffmpeg-h264-aac-releaseStream.hex"] = "'releaseStream' 2 null 'capturekey1'",
        ["ffmpeg-h264-aac-setDataFrame.hex"] = "'@setDataFrame' 'onMetaData' {duration,width,height,videodatarate,framerate,videocodecid,audiodatarate,audiosamplerate,audiosamplesize,stereo,audiocodecid,encoder,filesize}",
        ["ffprobe-play-connect.hex"] = "'connect' 1 {app,flashVer,tcUrl,fpad,capabilities,audioCodecs,videoCodecs,videoFunction}",
        ["ffprobe-play-getStreamLength.hex"] = "'getStreamLength' 3 null 'capturekey1'",
        ["ffprobe-play-play.hex"] = "'play' 4 null 'capturekey1' -2000",
        ["gstreamer-rtmp2sink-h264-aac-connect.hex"] = "'connect' 1 {app,type,flashVer,tcUrl}",
        ["gstreamer-rtmp2sink-h264-aac-setDataFrame.hex"] = "'@setDataFrame' 'onMetaData' {videocodecid,width,height,AspectRatioX,AspectRatioY,framerate,videodatarate,audiocodecid,audiodatarate,metadatacreator,encoder,creationdate}",
        ["gstreamer-rtmpsink-librtmp-h264-connect.hex"] = "'connect' 1 {app,type,tcUrl}",
        ["gstreamer-rtmpsink-librtmp-h264-setDataFrame.hex"] = "'@setDataFrame' 'onMetaData' {videocodecid,width,height,AspectRatioX,AspectRatioY,framerate,videodatarate,metadatacreator,encoder,creationdate}",
        ["invalid-long-string-over-2-gib.hex"] = "error: AMF0 value cut short at byte 5 (needs 4294967280 more, 3 left)",
        ["invalid-long-string-past-the-end.hex"] = "error: AMF0 value cut short at byte 14 (needs 2147483647 more, 3 left)",
        ["invalid-object-without-end.hex"] = "error: AMF0 value cut short at byte 13 (needs 2 more, 0 left)",
        ["invalid-typed-object.hex"] = "error: unknown AMF0 type marker 0x10 at byte 0",
        ["nested-15-deep.hex"] = "{level14}",
        ["veil-connect-result.hex"] = "'_result' 1 {fmsVer,capabilities} {level,code,description,objectEncoding}",
    };

    public static TheoryData<string> Seeds => new(Corpora.Ingest.FileNames(Parser));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_seed_reads_into_its_values_or_is_refused_by_name(string name)
    {
        Assert.True(Expected.TryGetValue(name, out var expected), $"{name} has no expected outcome in this test");
        string outcome;
        try { outcome = string.Join(" ", Amf0.ReadAll(Corpora.Ingest.ReadHex(Parser, name)).Select(Describe)); }
        catch (RtmpProtocolException e) { outcome = "error: " + e.Message; }
        if (expected.StartsWith("error: ")) Assert.Contains(expected[7..], outcome);
        else Assert.True(outcome == expected, $"{name} reads as\n  {outcome}\nnot as\n  {expected}");
    }

    [Fact]
    public void Mutated_values_are_read_or_refused_with_a_protocol_error()
    {
        FuzzResult? result = null;
        FuzzInput.WithinDeadline(() => result = new FuzzRun(new Amf0Target(), 20_000, seed: 14).Run());
        Assert.True(result!.Crashes + result.Hangs == 0, string.Join("\n", result.Findings));
        Assert.True(result.Taken > 0 && result.Refused > 0, $"{result.Taken} taken, {result.Refused} refused: the mutations should reach both");
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Dictionary<string, object?> properties => "{" + string.Join(",", properties.Keys) + "}",
        List<object?> list => $"[{list.Count}]",
        _ => value.GetType().Name,
    };
}
