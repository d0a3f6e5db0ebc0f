using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Veil.Server.Serve;
using Veil.WebRtc.Sdp;
using Veil.WebRtc.Whep;
using static Veil.Server.WebRtc.WebRtcHttp;

namespace Veil.Server.WebRtc;

/// <summary>
/// WHEP: POST an SDP offer to /whep/{stream} and watch that stream's anonymized output, the
/// encoder's own packets (no second encode), from a keyframe the encoder makes when the viewer is connected. Only redacted video is ever
/// reachable here, so watching needs no token. DELETE on the Location ends the session.
/// </summary>
internal static class WhepEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IWebRtcStreams streams, WebRtcSessions sessions)
    {
        app.MapMethods("/whep/{name}", ["OPTIONS"], Preflight);
        app.MapMethods("/whep/{name}/{id}", ["OPTIONS"], Preflight);
        app.MapPost("/whep/{name}", async (HttpContext context, string name) =>
        {
            AllowCors(context.Response);
            var (offer, error) = await ReadSdpAsync(context.Request);
            if (error is not null) return error;
            if (streams.FindViewers(name) is not { } viewers) return Text($"no stream named '{name}'", 404);
            WhepSession session;
            try { session = WhepSession.Accept(sessions.Context, offer!); }
            catch (SdpException e) { return Text($"the SDP offer cannot be used: {e.Message}", 400); }
            var tap = new ViewerTap(session, sessions.Log, name);
            session.KeyframeWanted = viewers.Keyframes.Request;
            viewers.Add(tap);
            session.Start();
            _ = session.Closed.ContinueWith(_ => viewers.Remove(tap), TaskScheduler.Default);
            string id = sessions.Add(session, session.Closed, $"WHEP viewer of {name}",
                () => $"{session.Stats.FramesSent} frames in {session.Stats.PacketsSent} packets, {session.Stats.Retransmitted} resent on NACK, {session.Stats.KeyframeRequests} keyframe requests, first frame "
                    + (session.Stats.FirstFrameAfter is { } first ? $"{first.TotalMilliseconds:0} ms after the offer" : "never sent"));
            return Created(context, $"/whep/{Uri.EscapeDataString(name)}/{id}", id, session.Answer);
        });
        app.MapMethods("/whep/{name}/{id}", ["PATCH"], (HttpContext context, string id) =>
        {
            AllowCors(context.Response);
            return sessions.Find<WhepSession>(id) is null ? Text($"no WHEP session {id}", 404) : Results.NoContent();
        });
        app.MapDelete("/whep/{name}/{id}", async (HttpContext context, string id) =>
        {
            AllowCors(context.Response);
            return sessions.Find<WhepSession>(id) is not null && await sessions.RemoveAsync(id) ? Results.Ok() : Text($"no WHEP session {id}", 404);
        });
    }

    /// <summary>Sends a viewer its units; logs its first frame's wait, the figure a viewer's join is judged by.</summary>
    private sealed class ViewerTap(WhepSession session, ILogger log, string stream) : IVideoViewer
    {
        private bool _started;

        public void Send(ReadOnlyMemory<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets)
        {
            session.SendVideo(annexB, ptsMicros, keyframe, parameterSets);
            if (_started || session.Stats.FirstFrameAfter is not { } offer) return;
            _started = true;
            WebRtcLog.ViewerFirstFrame(log, stream, offer.TotalMilliseconds, session.Stats.FirstFrameAfterConnecting?.TotalMilliseconds);
        }
    }
}
