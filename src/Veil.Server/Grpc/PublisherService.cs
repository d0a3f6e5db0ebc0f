using Grpc.Core;
using Microsoft.Extensions.Logging;
using Veil.Media.Demux;
using MediaKind = Veil.Protos.MediaKind;
using Veil.Protos;
using Veil.Server.Serve;

namespace Veil.Server.Grpc;

/// <summary>
/// `veil.v1.Publisher/Publish`: a camera publishes into a push stream over gRPC. The call opens with
/// the stream's settings (the bearer token is the stream's key), then every frame is written to
/// the stream's feed in the demuxer format its kind maps to (Annex B H.264, MJPEG, rawvideo).
/// Acks every 25 frames, stats every second, a keyframe request when the first access unit is not
/// one; a bad request ends this call with a status saying why.
/// </summary>
internal sealed class PublisherService(StreamRegistry registry, ILogger<PublisherService> log) : Publisher.PublisherBase
{
    public override async Task Publish(IAsyncStreamReader<PublishRequest> requests, IServerStreamWriter<PublishReply> responses, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requests.MoveNext(ct) || requests.Current.BodyCase != PublishRequest.BodyOneofCase.Settings)
            throw Fail(StatusCode.InvalidArgument, "the first message must carry the stream's settings");
        var settings = requests.Current.Settings;
        string key = Bearer(context);
        var stream = registry.FindByKey(key);
        if (stream is null || !string.Equals(stream.Name, settings.Stream, StringComparison.OrdinalIgnoreCase))
            throw Fail(StatusCode.PermissionDenied, $"no push stream '{settings.Stream}' with the key given (authorization: Bearer <key>)");
        var (format, options) = DemuxerFor(settings);
        var feed = stream.NewFeed(format, options);
        if (!stream.TryAttach(feed, out var reason)) throw Fail(StatusCode.FailedPrecondition, reason);
        log.LogInformation("grpc: publishing stream {Stream} ({Kind} {Width}x{Height})", stream.Name, settings.Kind, settings.Width, settings.Height);

        long frames = 0;
        var lastStats = DateTime.UtcNow;
        try
        {
            while (await requests.MoveNext(ct))
            {
                var request = requests.Current;
                switch (request.BodyCase)
                {
                    case PublishRequest.BodyOneofCase.H264 when settings.Kind == MediaKind.H264AnnexB:
                        if (frames == 0 && !request.H264.Keyframe)
                            await responses.WriteAsync(new PublishReply { KeyframeRequest = new KeyframeRequest { Reason = "the stream must start with a keyframe (SPS, PPS and IDR)" } }, ct);
                        feed.Write(request.H264.Data.Span);
                        break;
                    case PublishRequest.BodyOneofCase.Jpeg when settings.Kind == MediaKind.Jpeg:
                        feed.Write(request.Jpeg.Data.Span);
                        break;
                    case PublishRequest.BodyOneofCase.Raw when settings.Kind == MediaKind.Raw:
                        RawFrames.Write(feed, request.Raw, settings);
                        break;
                    default:
                        throw Fail(StatusCode.InvalidArgument, $"a {request.BodyCase} message on a {settings.Kind} stream");
                }
                frames++;
                if (frames % 25 == 0) await responses.WriteAsync(new PublishReply { Ack = new Ack { FramesReceived = (ulong)frames } }, ct);
                if (DateTime.UtcNow - lastStats >= TimeSpan.FromSeconds(1))
                {
                    lastStats = DateTime.UtcNow;
                    await responses.WriteAsync(new PublishReply { Stats = StatsOf(stream) }, ct);
                }
            }
            feed.Complete();
            log.LogInformation("grpc: stream {Stream}: publisher finished after {Frames} frames", stream.Name, frames);
        }
        catch (Exception e)
        {
            feed.Complete(); // the pipeline ends what it has; the publisher learns why from the status
            log.LogWarning("grpc: stream {Stream}: publish ended: {Reason}", stream.Name, e.Message);
            if (e is RpcException or OperationCanceledException) throw;
            throw Fail(StatusCode.InvalidArgument, e.Message);
        }
    }

    private static Stats StatsOf(LiveStream s) => new()
    {
        FramesEncoded = (ulong)s.Frames,
        Fps = s.Fps,
        LatencyP95Ms = s.LatencyMs?.P95 ?? 0,
        ObscuredFrames = (ulong)s.ObscuredFrames,
    };

    /// <summary>The demuxer and its options for the announced kind; a kind without the sizes it needs is refused.</summary>
    private static (string Format, Dictionary<string, string> Options) DemuxerFor(StreamSettings s)
    {
        string rate = (s.FrameRate > 0 ? s.FrameRate : 25).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (s.Kind)
        {
            case MediaKind.H264AnnexB:
                return ("h264", new Dictionary<string, string> { ["framerate"] = rate });
            case MediaKind.Jpeg:
                return ("mjpeg", new Dictionary<string, string> { ["framerate"] = rate });
            case MediaKind.Raw:
                if (s.Width is 0 or > 7680 || s.Height is 0 or > 4320 || s.Width % 2 != 0 || s.Height % 2 != 0)
                    throw Fail(StatusCode.InvalidArgument, $"raw frames of {s.Width}x{s.Height}: width and height must be even, at most 7680x4320");
                if (s.PixelFormat == PixelFormat.Unspecified) throw Fail(StatusCode.InvalidArgument, "raw frames need a pixel format (I420 or NV12)");
                return ("rawvideo", new Dictionary<string, string>
                {
                    ["video_size"] = $"{s.Width}x{s.Height}",
                    ["pixel_format"] = s.PixelFormat == PixelFormat.Nv12 ? "nv12" : "yuv420p",
                    ["framerate"] = rate,
                });
            default:
                throw Fail(StatusCode.InvalidArgument, $"media kind {s.Kind}: expected H264_ANNEX_B, RAW or JPEG");
        }
    }

    private static string Bearer(ServerCallContext context)
    {
        string header = context.RequestHeaders.GetValue("authorization") ?? "";
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
    }

    private static RpcException Fail(StatusCode code, string message) => new(new Status(code, message));
}
