using Veil.Fuzz.Runner;
using Veil.Fuzz.Targets;
using Veil.TestSupport.Fuzzing;

namespace Veil.Ingest.Tests.Grpc;

/// <summary>
/// The GrpcFrame corpus (Corpus/GrpcFrame) through the real Publish handler: H.264 access units, JPEG
/// frames and raw I420/NV12 frames (packed and with strides) reach the feed in their demuxer's
/// layout; bad settings and frames end the call with INVALID_ARGUMENT and the reason; mutated calls
/// never end with INTERNAL or UNKNOWN.
/// </summary>
public sealed class GrpcFrameCorpusTests
{
    private const string Parser = "GrpcFrame";

    /// <summary>Each seed's call: the feed's writes (bytes each) and what the publisher was told, or the status and its words.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["h264-annex-b.hex"] = "writes 1292 39 20; told nothing",
        ["h264-starts-without-keyframe.hex"] = "writes 39 1292; told KeyframeRequest",
        ["invalid-frame-first.hex"] = "RpcException InvalidArgument: the first message must carry the stream's settings",
        ["invalid-frame-rate.hex"] = "RpcException InvalidArgument: frame rate 1000: give 1-240 frames per second, or 0 for 25",
        ["invalid-jpeg-on-h264-stream.hex"] = "RpcException InvalidArgument: a Jpeg message on a H264AnnexB stream",
        ["invalid-kind-unspecified.hex"] = "RpcException InvalidArgument: media kind Unspecified: expected H264_ANNEX_B, RAW or JPEG",
        ["invalid-raw-frame-short.hex"] = "RpcException InvalidArgument: a raw I420 frame of 32x16 needs more than its 752 bytes (plane 2)",
        ["invalid-raw-no-pixel-format.hex"] = "RpcException InvalidArgument: raw frames need a pixel format (I420 or NV12)",
        ["invalid-raw-odd-size.hex"] = "RpcException InvalidArgument: raw frames of 33x16: width and height must be even, at most 7680x4320",
        ["invalid-raw-stride-under-row.hex"] = "RpcException InvalidArgument: plane 0: stride 16 is shorter than a row (32 bytes)",
        ["jpeg.hex"] = "writes 1397 1399; told nothing",
        ["raw-i420-packed.hex"] = "writes 768 768; told nothing",
        ["raw-i420-strides.hex"] = "writes 768; told nothing",
        ["raw-nv12-strides.hex"] = "writes 768; told nothing",
    };

    public static TheoryData<string> Seeds => new(Corpora.Ingest.FileNames(Parser));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_seed_call_feeds_its_frames_or_ends_with_the_reason(string name)
    {
        Assert.True(Expected.TryGetValue(name, out var expected), $"{name} has no expected outcome in this test");
        var call = GrpcFrameTarget.Call(Corpora.Ingest.ReadHex(Parser, name));
        string outcome = call.Refusal is { } refusal ? $"{refusal}: {call.Detail}"
            : $"writes {string.Join(" ", call.Feed.Writes)}; told {(call.Replies.Count == 0 ? "nothing" : string.Join(" ", call.Replies.Select(r => r.BodyCase)))}";
        Assert.True(outcome == expected, $"{name} ends as\n  {outcome}\nnot as\n  {expected}");
    }

    [Fact]
    public void A_strided_raw_frame_reaches_the_feed_packed_row_by_row()
    {
        var packed = GrpcFrameTarget.Call(Corpora.Ingest.ReadHex(Parser, "raw-i420-packed.hex")).Feed.Written[..768].ToArray();
        var strided = GrpcFrameTarget.Call(Corpora.Ingest.ReadHex(Parser, "raw-i420-strides.hex")).Feed.Written.ToArray();
        Assert.Equal(packed, strided); // the same ffmpeg frame, sent with padded rows
    }

    [Fact]
    public void Mutated_calls_are_taken_or_end_with_a_status_that_says_why()
    {
        FuzzResult? result = null;
        FuzzInput.WithinDeadline(() => result = new FuzzRun(new GrpcFrameTarget(), 5000, seed: 14).Run());
        Assert.True(result!.Crashes + result.Hangs == 0, string.Join("\n", result.Findings));
        Assert.True(result.Taken > 0 && result.Refusals.ContainsKey("RpcException InvalidArgument"), $"{result.Taken} taken; refused {string.Join(", ", result.Refusals)}");
    }
}
