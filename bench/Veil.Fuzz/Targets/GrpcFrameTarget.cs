using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Fuzz.Fakes;
using Veil.Ingest.Grpc;
using Veil.Protos;

namespace Veil.Fuzz.Targets;

/// <summary>
/// A gRPC Publish call through the real <see cref="PublisherService"/>: an input is the call's request
/// messages, each length-delimited (varint length, then the protobuf message) as they come out of
/// gRPC's own framing. The settings are checked, then every frame (H.264 Annex B, JPEG, raw I420/NV12
/// with strides) is written to the feed in its demuxer's format. Allowed: bytes that are no
/// PublishRequest (gRPC refuses them before Veil sees them) and an RpcException whose status says why
/// (INVALID_ARGUMENT with the reason); INTERNAL, UNKNOWN or any other exception is a defect.
/// Invariant: a call that succeeded wrote one write per frame, a raw frame repacked to its exact size.
/// </summary>
public sealed class GrpcFrameTarget : IFuzzTarget
{
    public string Name => "GrpcFrame";

    public IReadOnlyList<byte[]> Seeds() => Corpora.Ingest.AllHex(Name).ToArray();

    public string? Run(byte[] input) => Call(input).Refusal;

    /// <summary>Runs one input, with the status's words, what the feed got and what the publisher was told.</summary>
    public static GrpcCall Call(byte[] input)
    {
        var feed = new MemoryFeed();
        var replies = new ReplyList<PublishReply>();
        List<PublishRequest> requests;
        try { requests = Parse(input); }
        catch (InvalidProtocolBufferException e) { return new GrpcCall(nameof(InvalidProtocolBufferException), e.Message, feed, replies.Replies); }
        var service = new PublisherService(new AcceptingPoints(feed), NullLogger<PublisherService>.Instance);
        try
        {
            var call = service.Publish(new RequestList<PublishRequest>(requests), replies, new PublishCallContext("fuzzkey1"));
            if (!call.IsCompleted) throw new InvariantBrokenException("a call over in-memory streams did not complete at once");
            call.GetAwaiter().GetResult();
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.Internal or StatusCode.Unknown))
        {
            return new GrpcCall($"{nameof(RpcException)} {e.StatusCode}", e.Status.Detail, feed, replies.Replies);
        }
        CheckWrites(requests, feed);
        return new GrpcCall(null, "", feed, replies.Replies);
    }

    private static List<PublishRequest> Parse(byte[] input)
    {
        var requests = new List<PublishRequest>();
        using var stream = new MemoryStream(input, writable: false);
        while (stream.Position < stream.Length) requests.Add(PublishRequest.Parser.ParseDelimitedFrom(stream));
        return requests;
    }

    private static void CheckWrites(List<PublishRequest> requests, MemoryFeed feed)
    {
        var settings = requests[0].Settings;
        var expected = requests.Skip(1).Select(r => r.BodyCase switch
        {
            PublishRequest.BodyOneofCase.H264 => r.H264.Data.Length,
            PublishRequest.BodyOneofCase.Jpeg => r.Jpeg.Data.Length,
            _ => RawFrames.PackedSize(settings),
        });
        if (!feed.Writes.SequenceEqual(expected))
            throw new InvariantBrokenException($"the feed got writes of [{string.Join(", ", feed.Writes)}] bytes for frames of [{string.Join(", ", expected)}]");
    }
}
