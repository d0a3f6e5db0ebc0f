using Microsoft.Extensions.Logging;
using Veil.Ingest;
using Veil.Ingest.Auth;
using Veil.Server.Serve;

namespace Veil.Server.Ingest;

/// <summary>
/// The server's side of the ingest contract: every ingest's publish goes through here, so the key
/// check (constant time), its throttling per address, the announced picture's limits and the
/// takeover rule are the same on RTMP, SRT, gRPC and WHIP.
/// </summary>
internal sealed class PublishPoints(StreamRegistry registry, ServeSettings settings, FailureThrottle throttle, ILogger log) : IPublishPoints
{
    public PublishOpening Open(PublishRequest request)
    {
        if (throttle.IsThrottled(request.Peer, out var retryAfter))
            return PublishOpening.Refused(PublishRefusal.Throttled, $"too many wrong keys from {request.Peer}: refused for {Math.Ceiling(retryAfter.TotalSeconds):0} s more", retryAfter);
        var stream = request.Stream is null ? registry.FindByKey(request.Key) : registry.Find(request.Stream);
        if (stream is null && request.Stream is null) return Failed(request, PublishRefusal.WrongKey, "no stream has the key given");
        if (stream is null) return Failed(request, PublishRefusal.NoSuchStream, $"no stream named '{request.Stream}'");
        if (!stream.Spec.IsPush) return PublishOpening.Refused(PublishRefusal.NotPushStream, $"stream '{stream.Name}' pulls its source and takes no publisher");
        if (!Secrets.Match(stream.Spec.Key!, request.Key)) return Failed(request, PublishRefusal.WrongKey, $"the key is not the key of stream '{stream.Name}'");
        if (request.Width > settings.MaxWidth || request.Height > settings.MaxHeight)
            return PublishOpening.Refused(PublishRefusal.OverLimit,
                $"a {request.Width}x{request.Height} picture is over the limit of {settings.MaxWidth}x{settings.MaxHeight} (Veil:MaxWidth, Veil:MaxHeight)");
        return stream.Attach(request);
    }

    public string WhereToWatch(string name)
    {
        var stream = registry.Find(name);
        string watched = Uri.EscapeDataString(stream?.Name ?? "NAME");
        string where = settings.WebRtc.Length > 0
            ? $"at {settings.Http}/web/watch.html?stream={watched} (WHEP) or where the server forwards it"
            : "where the server forwards it";
        return stream is null
            ? $"Veil's RTMP port takes publishers only, and has no stream named '{name}': watch a stream anonymized {where}"
            : $"Veil's RTMP port takes publishers only: watch stream '{stream.Name}' anonymized {where}";
    }

    private PublishOpening Failed(PublishRequest request, PublishRefusal why, string reason)
    {
        if (throttle.Failed(request.Peer))
            ServeLog.PublishThrottled(log, request.Peer, settings.AuthFailuresPerMinute, request.Protocol);
        return PublishOpening.Refused(why, reason);
    }
}
