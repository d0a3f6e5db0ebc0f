using System.Buffers;
using System.Net;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Veil.Protos;

namespace Veil.Ingest.Grpc;

using PublishRequest = Veil.Protos.PublishRequest;

/// <summary>
/// `veil.v1.Publisher/Publish`: a camera publishes into a push stream over gRPC. The call opens with
/// the stream's settings (the bearer token is the stream's key), checked against the limits at
/// once; then every frame is written to the stream's feed in the demuxer format its kind maps to
/// (Annex B H.264, MJPEG, rawvideo). Acks every 25 frames, this session's stats every second, a
/// keyframe request when the first access unit is not one. Every failure ends the call with a
/// status that says why: a refusal by its kind, a stream that stopped taking frames by the
/// stream's own reason (INVALID_ARGUMENT for media it cannot use, UNAVAILABLE when it stopped).
/// </summary>
public sealed class PublisherService(IPublishPoints points, ILogger<PublisherService> log) : Publisher.PublisherBase
{
    /// <summary>How long a publisher that finished waits to hear how its stream ended.</summary>
    private static readonly TimeSpan FinishWait = TimeSpan.FromSeconds(10);

    public override async Task Publish(IAsyncStreamReader<PublishRequest> requests, IServerStreamWriter<PublishReply> responses, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requests.MoveNext(ct) || requests.Current.BodyCase != PublishRequest.BodyOneofCase.Settings)
            throw Fail(StatusCode.InvalidArgument, "the first message must carry the stream's settings");
        var settings = requests.Current.Settings;
        var (format, options) = GrpcMedia.DemuxerFor(settings);
        var peer = context.GetHttpContext().Connection.RemoteIpAddress ?? IPAddress.None;
        var opening = points.Open(new Veil.Ingest.PublishRequest("grpc", peer, settings.Stream, Bearer(context), format)
        {
            Options = options, Width = (int)settings.Width, Height = (int)settings.Height,
        });
        if (opening.Feed is not { } feed) throw Fail(GrpcStatuses.For(opening.Refusal), opening.Reason);
        GrpcLog.Publishing(log, feed.Stream, settings.Kind, settings.Width, settings.Height, peer);

        // The stream stopping (a failure, a takeover) ends the call at once, with the stream's reason.
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = feed.Stopped.ContinueWith(_ => { try { stopped.Cancel(); } catch (ObjectDisposedException) { } }, TaskScheduler.Default);
        long frames = 0;
        try
        {
            var lastStats = DateTime.UtcNow;
            while (await requests.MoveNext(stopped.Token))
            {
                await WriteFrameAsync(feed, requests.Current, settings, frames == 0, responses, stopped.Token);
                frames++;
                if (frames % 25 == 0) await responses.WriteAsync(new PublishReply { Ack = new Ack { FramesReceived = (ulong)frames } }, stopped.Token);
                if (DateTime.UtcNow - lastStats >= TimeSpan.FromSeconds(1))
                {
                    lastStats = DateTime.UtcNow;
                    await responses.WriteAsync(new PublishReply { Stats = StatsOf(feed.Stats) }, stopped.Token);
                }
            }
            feed.Complete();
            GrpcLog.PublisherFinished(log, feed.Stream, frames);
            // A publisher that finished learns whether its stream took everything, with the reason if not.
            PublishStop? stop = null;
            try { stop = await feed.Stopped.WaitAsync(FinishWait, ct); }
            catch (TimeoutException) { } // still encoding what it has: nothing went wrong so far
            if (stop is { Kind: not PublishStopKind.Finished }) throw Fail(GrpcStatuses.For(stop.Kind), stop.Reason);
        }
        catch (Exception e) when (e is not RpcException)
        {
            var status = e switch
            {
                PublishStoppedException s => new Status(GrpcStatuses.For(s.Stop.Kind), s.Stop.Reason),
                OperationCanceledException when feed.Stopped.IsCompleted && !ct.IsCancellationRequested =>
                    new Status(GrpcStatuses.For(feed.Stopped.Result.Kind), feed.Stopped.Result.Reason),
                OperationCanceledException => new Status(StatusCode.Cancelled, "the publisher cancelled the call"),
                ArgumentException => new Status(StatusCode.InvalidArgument, e.Message),
                _ => new Status(StatusCode.Internal, e.Message),
            };
            GrpcLog.PublishEnded(log, feed.Stream, frames, status.StatusCode, status.Detail);
            throw new RpcException(status);
        }
        finally
        {
            feed.Complete(); // however the call ends (an RpcException of the framework's too): this publisher is gone
        }
    }

    private static async Task WriteFrameAsync(IPublishFeed feed, PublishRequest request, StreamSettings settings, bool first,
        IServerStreamWriter<PublishReply> responses, CancellationToken ct)
    {
        switch (request.BodyCase)
        {
            case PublishRequest.BodyOneofCase.H264 when settings.Kind == MediaKind.H264AnnexB:
                if (first && !request.H264.Keyframe)
                    await responses.WriteAsync(new PublishReply { KeyframeRequest = new KeyframeRequest { Reason = "the stream must start with a keyframe (SPS, PPS and IDR)" } }, ct);
                await feed.WriteAsync(request.H264.Data.Memory, ct);
                break;
            case PublishRequest.BodyOneofCase.Jpeg when settings.Kind == MediaKind.Jpeg:
                await feed.WriteAsync(request.Jpeg.Data.Memory, ct);
                break;
            case PublishRequest.BodyOneofCase.Raw when settings.Kind == MediaKind.Raw:
                int size = RawFrames.PackedSize(settings);
                var packed = ArrayPool<byte>.Shared.Rent(size);
                try
                {
                    RawFrames.Pack(request.Raw, settings, packed.AsSpan(0, size));
                    await feed.WriteAsync(packed.AsMemory(0, size), ct);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(packed);
                }
                break;
            default:
                throw new ArgumentException($"a {request.BodyCase} message on a {settings.Kind} stream");
        }
    }

    private static Stats StatsOf(PublishStats s) => new()
    {
        FramesEncoded = (ulong)s.FramesEncoded,
        Fps = s.Fps,
        LatencyP95Ms = s.LatencyP95Ms,
        ObscuredFrames = (ulong)s.ObscuredFrames,
    };

    private static string Bearer(ServerCallContext context)
    {
        string header = context.RequestHeaders.GetValue("authorization") ?? "";
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
    }

    internal static RpcException Fail(StatusCode code, string message) => new(new Status(code, message));
}
