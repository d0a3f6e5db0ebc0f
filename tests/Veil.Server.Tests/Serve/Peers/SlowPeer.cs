using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Veil.Server.Tests.Serve.Peers;

/// <summary>
/// A slow-loris on the RTMP port: connects from a chosen loopback address, sends the RTMP version
/// byte and then one byte every <c>every</c>, and reports how long the server let it stay.
/// </summary>
internal static class SlowPeer
{
    /// <summary>How long until the server closed the connection (or null: still open at <paramref name="giveUp"/>); <c>Refused</c> when it was reset at once.</summary>
    public static async Task<(TimeSpan? ClosedAfter, bool Refused)> RunAsync(IPAddress from, int port, TimeSpan every, TimeSpan giveUp)
    {
        using var client = new TcpClient(new IPEndPoint(from, 0));
        var clock = Stopwatch.StartNew();
        try { await client.ConnectAsync(IPAddress.Loopback, port); }
        catch (SocketException) { return (clock.Elapsed, true); } // reset before the connect completed: turned away at once
        var stream = client.GetStream();
        using var stop = new CancellationTokenSource(giveUp);
        var closed = ReadUntilClosedAsync(stream, stop.Token);
        try
        {
            await stream.WriteAsync(new byte[] { 3 }, stop.Token);
            while (!closed.IsCompleted)
            {
                await Task.WhenAny(closed, Task.Delay(every, stop.Token));
                if (!closed.IsCompleted) await stream.WriteAsync(new byte[] { 0 }, stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
        bool wasClosed = await closed;
        return (wasClosed ? clock.Elapsed : null, wasClosed && clock.Elapsed < TimeSpan.FromMilliseconds(500));
    }

    private static async Task<bool> ReadUntilClosedAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, ct) > 0) { }
            return true;
        }
        catch (OperationCanceledException) { return false; }
        catch (Exception e) when (e is IOException or SocketException) { return true; }
    }
}
