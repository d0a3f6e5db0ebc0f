using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Rtmp;

/// <summary>
/// The RTMP ingest: accepts publishers (OBS, FFmpeg, phone apps) on its port, each connection a
/// session of its own, so a bad or hostile peer only ever ends its own session.
/// </summary>
internal sealed class RtmpServer(IPEndPoint endpoint, Func<string, string, IPublishTarget?> resolve, ILogger log, TimeSpan idleTimeout) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(endpoint);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = new();
    private Task? _accept;
    private int _next;

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public void Start()
    {
        try { _listener.Start(); }
        catch (SocketException e) { throw new InvalidOperationException($"cannot listen for RTMP on {endpoint}: {e.Message}", e); }
        _accept = AcceptAsync();
        log.LogInformation("rtmp: listening on rtmp://{Endpoint}", Endpoint);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException e) { log.LogWarning("rtmp: accept failed: {Error}", e.Message); continue; }
            int id = Interlocked.Increment(ref _next);
            log.LogInformation("rtmp session {Session}: connection from {Peer}", id, socket.RemoteEndPoint);
            var session = new RtmpSession(socket, resolve, log, id, idleTimeout);
            lock (_sessions)
            {
                _sessions.RemoveAll(t => t.IsCompleted);
                _sessions.Add(Task.Run(() => session.RunAsync(_stop.Token)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        if (_accept is not null) await _accept;
        Task[] sessions;
        lock (_sessions) sessions = _sessions.ToArray();
        await Task.WhenAll(sessions);
        _stop.Dispose();
    }
}
