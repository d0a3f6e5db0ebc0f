using Veil.Ingest.Auth;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Veil.Ingest;
using Veil.WebRtc.Sdp;
using Veil.WebRtc.Whip;
using static Veil.Server.WebRtc.WebRtcHttp;

namespace Veil.Server.WebRtc;

/// <summary>
/// WHIP (RFC 9725): POST an SDP offer to /whip/{stream} with the stream key as bearer token, get
/// 201, the answer and the session's Location; PATCH there takes trickle fragments (Veil is
/// ICE-lite: it needs none, so they are accepted and not used; an ICE restart is refused with 422);
/// DELETE ends the publish. The publish opens through the ingest contract like RTMP's and gRPC's;
/// PATCH and DELETE need the key the session was opened with.
/// </summary>
internal static class WhipEndpoints
{

    public static void Map(IEndpointRouteBuilder app, IPublishPoints points, WebRtcSessions sessions)
    {
        var keys = new ConcurrentDictionary<string, string>(); // session id -> the key it was opened with
        app.MapMethods("/whip/{name}", ["OPTIONS"], Preflight);
        app.MapMethods("/whip/{name}/{id}", ["OPTIONS"], Preflight);
        app.MapPost("/whip/{name}", async (HttpContext context, string name) =>
        {
            AllowCors(context.Response);
            var (offer, error) = await ReadSdpAsync(context.Request);
            if (error is not null) return error;
            string key = Bearer(context.Request);
            if (key.Length == 0) return Unauthenticated(context);
            IPublishFeed? feed = null;
            WhipSession session;
            try { session = WhipSession.Accept(sessions.Context, offer!, bytes => Write(feed!, bytes)); }
            catch (SdpException e) { return Text($"the SDP offer cannot be used: {e.Message}", 400); }
            var opening = points.Open(new PublishRequest("whip", Peer(context), name, key, "matroska"));
            if (opening.Feed is null)
            {
                await session.DisposeAsync();
                if (opening.RetryAfter > TimeSpan.Zero) context.Response.Headers.RetryAfter = Math.Ceiling(opening.RetryAfter.TotalSeconds).ToString("0");
                return Text(opening.Reason, StatusFor(opening.Refusal));
            }
            feed = opening.Feed;
            session.Start();
            _ = session.Closed.ContinueWith(_ => feed.Complete(), TaskScheduler.Default);
            string id = sessions.Add(session, session.Closed, $"WHIP publisher of {feed.Stream}", () => Summary(session.Stats));
            keys[id] = key;
            // Taken over or failed: the browser learns at once (the session closes) instead of sending into nothing.
            _ = feed.Stopped.ContinueWith(t => t.Result.Kind == PublishStopKind.Finished ? Task.CompletedTask : sessions.RemoveAsync(id), TaskScheduler.Default);
            _ = session.Closed.ContinueWith(_ => keys.TryRemove(id, out string? _), TaskScheduler.Default);
            return Created(context, $"/whip/{Uri.EscapeDataString(name)}/{id}", id, session.Answer);
        });
        app.MapMethods("/whip/{name}/{id}", ["PATCH"], async (HttpContext context, string id) =>
        {
            AllowCors(context.Response);
            if (Owner(context, keys, id) is { } denied) return denied;
            if (sessions.Find<WhipSession>(id) is not { } session) return Text($"no WHIP session {id}", 404);
            if (!(context.Request.ContentType ?? "").StartsWith(TrickleType, StringComparison.OrdinalIgnoreCase))
                return Text($"PATCH takes {TrickleType}", 415);
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync();
            if (body.Length > MaxSdpBytes) return Text($"a fragment of {body.Length} characters is over the {MaxSdpBytes} limit", 413);
            TrickleFragment fragment;
            try { fragment = TrickleFragment.Parse(body); }
            catch (SdpException e) { return Text($"the trickle fragment cannot be used: {e.Message}", 400); }
            // RFC 9725 §4.3.1: trickle is accepted (ICE-lite needs none of the candidates), a restart is not.
            return fragment.IsIceRestart(session.Plan.RemoteUfrag)
                ? Text("ICE restarts are not supported: DELETE this session and publish again", 422)
                : Results.NoContent();
        });
        app.MapDelete("/whip/{name}/{id}", async (HttpContext context, string id) =>
        {
            AllowCors(context.Response);
            if (Owner(context, keys, id) is { } denied) return denied;
            return sessions.Find<WhipSession>(id) is not null && await sessions.RemoveAsync(id) ? Results.Ok() : Text($"no WHIP session {id}", 404);
        });
    }

    /// <summary>A live source cannot wait: a stream this far behind its publisher ends the session instead of stalling the UDP port.</summary>
    private static void Write(IPublishFeed feed, byte[] bytes)
    {
        if (!feed.TryWrite(bytes)) throw new InvalidOperationException($"stream {feed.Stream} is too far behind its publisher");
    }

    private static int StatusFor(PublishRefusal refusal) => refusal switch
    {
        PublishRefusal.NoSuchStream => 404,
        PublishRefusal.WrongKey => 403,
        PublishRefusal.NotPushStream or PublishRefusal.Busy => 409,
        PublishRefusal.Throttled => 429,
        PublishRefusal.OverLimit => 400,
        _ => 503,
    };

    private static IPAddress Peer(HttpContext context) => context.Connection.RemoteIpAddress is { } a && a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : context.Connection.RemoteIpAddress ?? IPAddress.None;

    private static string Summary(IngestStats s) =>
        $"{s.VideoFrames} video frames from {s.VideoPackets} packets, {s.AudioPackets} audio packets, {s.NacksSent} NACKs, {s.PlisSent} PLIs" +
        (s.Rejected.Count == 0 ? "" : ", dropped: " + string.Join(", ", s.Rejected.Select(r => $"{r.Value} x {r.Key}")));

    private static IResult Unauthenticated(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Text("WHIP needs 'Authorization: Bearer <stream key>'", 401);
    }

    /// <summary>Only the key a session was opened with may change or end it.</summary>
    private static IResult? Owner(HttpContext context, ConcurrentDictionary<string, string> keys, string id)
    {
        string key = Bearer(context.Request);
        if (key.Length == 0) return Unauthenticated(context);
        if (!keys.TryGetValue(id, out string? owner)) return Text($"no WHIP session {id}", 404);
        return Secrets.Match(owner, key) ? null : Text($"WHIP session {id} was not opened with this key", 403);
    }
}
