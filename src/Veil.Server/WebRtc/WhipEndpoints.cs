using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Veil.WebRtc.Sdp;
using Veil.WebRtc.Whip;
using static Veil.Server.WebRtc.WebRtcHttp;

namespace Veil.Server.WebRtc;

/// <summary>
/// WHIP (RFC 9725): POST an SDP offer to /whip/{stream} with the stream key as bearer token, get
/// 201, the answer and the session's Location; PATCH there takes trickle fragments (Veil is
/// ICE-lite: it needs none, so they are accepted and not used; an ICE restart is refused with 422);
/// DELETE ends the publish.
/// </summary>
internal static class WhipEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IWebRtcStreams streams, WebRtcSessions sessions)
    {
        app.MapMethods("/whip/{name}", ["OPTIONS"], Preflight);
        app.MapMethods("/whip/{name}/{id}", ["OPTIONS"], Preflight);
        app.MapPost("/whip/{name}", async (HttpContext context, string name) =>
        {
            AllowCors(context.Response);
            var (offer, error) = await ReadSdpAsync(context.Request);
            if (error is not null) return error;
            if (Authorize(context, streams, name) is { } denied) return denied;
            var target = streams.FindPublishTarget(name, Bearer(context.Request), out _, out _)!;
            var feed = target.NewFeed("matroska");
            WhipSession session;
            try { session = WhipSession.Accept(sessions.Context, offer!, feed.WriteOwned); }
            catch (SdpException e) { return Text($"the SDP offer cannot be used: {e.Message}", 400); }
            if (!target.TryAttach(feed, out string reason))
            {
                await session.DisposeAsync();
                return Text(reason, 409);
            }
            session.Start();
            _ = session.Closed.ContinueWith(_ => feed.Complete(), TaskScheduler.Default);
            string id = sessions.Add(session, session.Closed, $"WHIP publisher of {target.Name}", () => Summary(session.Stats));
            return Created(context, $"/whip/{Uri.EscapeDataString(name)}/{id}", id, session.Answer);
        });
        app.MapMethods("/whip/{name}/{id}", ["PATCH"], async (HttpContext context, string name, string id) =>
        {
            AllowCors(context.Response);
            if (Authorize(context, streams, name) is { } denied) return denied;
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
        app.MapDelete("/whip/{name}/{id}", async (HttpContext context, string name, string id) =>
        {
            AllowCors(context.Response);
            if (Authorize(context, streams, name) is { } denied) return denied;
            return sessions.Find<WhipSession>(id) is not null && await sessions.RemoveAsync(id) ? Results.Ok() : Text($"no WHIP session {id}", 404);
        });
    }

    private static string Summary(IngestStats s) =>
        $"{s.VideoFrames} video frames from {s.VideoPackets} packets, {s.AudioPackets} audio packets, {s.NacksSent} NACKs, {s.PlisSent} PLIs" +
        (s.Rejected.Count == 0 ? "" : ", dropped: " + string.Join(", ", s.Rejected.Select(r => $"{r.Value} x {r.Key}")));

    private static IResult? Authorize(HttpContext context, IWebRtcStreams streams, string name)
    {
        string key = Bearer(context.Request);
        if (key.Length == 0)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Text("WHIP needs 'Authorization: Bearer <stream key>'", 401);
        }
        return streams.FindPublishTarget(name, key, out int status, out string reason) is null ? Text(reason, status) : null;
    }
}
