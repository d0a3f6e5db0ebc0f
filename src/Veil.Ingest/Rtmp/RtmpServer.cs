using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Ingest.Rtmp;

/// <summary>
/// The RTMP ingest: accepts publishers (OBS, FFmpeg, GStreamer, phone apps) on its port, each
/// connection a session of its own, so a bad or hostile peer only ever ends its own session.
/// Connections over the caps are closed at once and summed up in one log line every 10 s.
/// </summary>
public sealed class RtmpServer : IAsyncDisposable
{
    private static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener;
    private readonly IPublishPoints _points;
    private readonly ILogger _log;
    private readonly RtmpLimits _limits;
    private readonly ConnectionGate _gate;
    private readonly ByteBudget _reassembly;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = new();
    private Task? _accept, _summary;
    private int _next;
    private long _lateHandshakes;

    public RtmpServer(IPEndPoint endpoint, IPublishPoints points, ILogger log, RtmpLimits? limits = null)
    {
        _listener = new TcpListener(endpoint);
        _points = points;
        _log = log;
        _limits = limits ?? new RtmpLimits();
        _gate = new ConnectionGate(_limits.MaxConnections, _limits.MaxConnectionsPerAddress);
        _reassembly = new ByteBudget(_limits.MaxReassemblyBytes);
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections held now.</summary>
    public int Connections => _gate.Open;

    public void Start()
    {
        try { _listener.Start(backlog: 512); }
        catch (SocketException e) { throw new InvalidOperationException($"cannot listen for RTMP on {_listener.LocalEndpoint}: {e.Message}", e); }
        _accept = AcceptAsync();
        _summary = SummarizeAsync();
        RtmpLog.Listening(_log, Endpoint, _limits.MaxConnections, _limits.MaxConnectionsPerAddress);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException e) { RtmpLog.AcceptFailed(_log, e.Message); continue; }
            var peer = ((IPEndPoint)socket.RemoteEndPoint!).Address;
            if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
            if (!_gate.TryEnter(peer))
            {
                socket.LingerState = new LingerOption(true, 0); // a reset: nothing kept for a peer over the caps
                socket.Dispose();
                continue;
            }
            int id = Interlocked.Increment(ref _next);
            RtmpLog.Connection(_log, id, socket.RemoteEndPoint);
            var session = new RtmpSession(socket, peer, _points, _limits, _reassembly, _log, id, () => Interlocked.Increment(ref _lateHandshakes));
            lock (_sessions)
            {
                _sessions.RemoveAll(t => t.IsCompleted);
                _sessions.Add(Task.Run(async () =>
                {
                    try { await session.RunAsync(_stop.Token); }
                    finally { _gate.Leave(peer); }
                }));
            }
        }
    }

    private async Task SummarizeAsync()
    {
        using var timer = new PeriodicTimer(SummaryEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Summarize();
        }
        catch (OperationCanceledException) { }
        Summarize(); // what the last period saw is not lost at shutdown
    }

    private void Summarize()
    {
        var (total, perAddress) = _gate.TakeRefusals();
        long late = Interlocked.Exchange(ref _lateHandshakes, 0);
        if (total + perAddress + late > 0)
            RtmpLog.Refusals(_log, total, _limits.MaxConnections, perAddress, _limits.MaxConnectionsPerAddress, late, _limits.HandshakeTimeout.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        if (_accept is not null) await _accept;
        Task[] sessions;
        lock (_sessions) sessions = _sessions.ToArray();
        await Task.WhenAll(sessions);
        if (_summary is not null) await _summary;
        _stop.Dispose();
    }
}
