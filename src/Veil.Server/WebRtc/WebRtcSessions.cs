using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Veil.WebRtc.Dtls;
using Veil.WebRtc.Ice;
using Veil.WebRtc.Session;

namespace Veil.Server.WebRtc;

/// <summary>
/// The server's WebRTC side: one ICE-lite UDP port and one DTLS certificate for every session, and
/// the live WHIP and WHEP sessions by id (the id is the last segment of each session's Location).
/// A session leaves the table when it closes, whatever closed it.
/// </summary>
internal sealed class WebRtcSessions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IAsyncDisposable> _sessions = new();
    private readonly ILogger _log;

    public WebRtcSessions(IPEndPoint bind, IReadOnlyList<IPAddress> candidates, int publishKbps, ILogger log)
    {
        _log = log;
        var mux = new IceLiteMux(bind, log: log);
        var port = mux.LocalEndPoint.Port;
        var addresses = candidates.Count > 0 ? candidates : [mux.LocalEndPoint.Address];
        Context = new WebRtcContext(mux, DtlsCertificate.Generate(), addresses.Select(a => new IPEndPoint(a, port)).ToList(), publishKbps * 1000L);
        WebRtcLog.Listening(log, mux.LocalEndPoint, string.Join(", ", Context.Candidates));
    }

    public WebRtcContext Context { get; }
    public int Count => _sessions.Count;
    public ILogger Log => _log;

    /// <summary>Adds a session under a new id, and forgets it when <paramref name="closed"/> completes.</summary>
    public string Add(IAsyncDisposable session, Task<string> closed, string description, Func<string>? summary = null)
    {
        string id = Guid.NewGuid().ToString("N");
        _sessions[id] = session;
        WebRtcLog.SessionStarted(_log, description, _sessions.Count);
        _ = closed.ContinueWith(async t =>
        {
            if (!_sessions.TryRemove(id, out _)) return;
            WebRtcLog.SessionEnded(_log, description, t.Result, summary is null ? "" : "; " + summary());
            await session.DisposeAsync();
        }, TaskScheduler.Default);
        return id;
    }

    public T? Find<T>(string id) where T : class => _sessions.GetValueOrDefault(id) as T;

    public async Task<bool> RemoveAsync(string id)
    {
        if (!_sessions.TryRemove(id, out var session)) return false;
        await session.DisposeAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList()) await RemoveAsync(id);
        Context.Mux.Dispose();
    }
}
