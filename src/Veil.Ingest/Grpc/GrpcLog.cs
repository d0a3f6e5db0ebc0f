using System.Net;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Veil.Protos;

namespace Veil.Ingest.Grpc;

/// <summary>The gRPC ingest's log lines: each publish call, with its stream, peer and how it ended as fields.</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "grpc: publishing stream {Stream} ({Kind} {Width}x{Height}) from {Peer}")]
    public static partial void Publishing(ILogger logger, string stream, MediaKind kind, uint width, uint height, IPAddress peer);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "grpc: stream {Stream}: publisher finished after {Frames} frames")]
    public static partial void PublisherFinished(ILogger logger, string stream, long frames);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "grpc: stream {Stream}: publish ended after {Frames} frames: {Code}: {Reason}")]
    public static partial void PublishEnded(ILogger logger, string stream, long frames, StatusCode code, string reason);
}
