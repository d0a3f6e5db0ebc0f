using Grpc.Core;

namespace Veil.Ingest.Grpc;

/// <summary>The gRPC status for each way a publish is refused or stopped.</summary>
internal static class GrpcStatuses
{
    public static StatusCode For(PublishRefusal refusal) => refusal switch
    {
        PublishRefusal.NoSuchStream => StatusCode.NotFound,
        PublishRefusal.WrongKey => StatusCode.PermissionDenied,
        PublishRefusal.NotPushStream or PublishRefusal.Busy => StatusCode.FailedPrecondition,
        PublishRefusal.Throttled => StatusCode.ResourceExhausted,
        PublishRefusal.OverLimit => StatusCode.InvalidArgument,
        PublishRefusal.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static StatusCode For(PublishStopKind stop) => stop switch
    {
        PublishStopKind.Finished => StatusCode.OK,
        PublishStopKind.BadMedia => StatusCode.InvalidArgument,
        PublishStopKind.TakenOver => StatusCode.Aborted,
        _ => StatusCode.Unavailable,
    };
}
