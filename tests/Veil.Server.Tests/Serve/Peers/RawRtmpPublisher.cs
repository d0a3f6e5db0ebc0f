using System.Net;
using System.Net.Sockets;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Server.Tests.Serve.Peers;

/// <summary>
/// A bare RTMP publisher for floods (FFmpeg takes 100 ms a start): the simple handshake, connect,
/// createStream and publish with a key, then the server's answer read until it closes.
/// </summary>
internal static class RawRtmpPublisher
{
    /// <summary>The description of the server's onStatus answer to publish, "turned away" when the connection was reset before the handshake ended.</summary>
    public static async Task<string> PublishAsync(IPAddress from, int port, string key, TimeSpan timeout)
    {
        using var client = new TcpClient(new IPEndPoint(from, 0));
        using var stop = new CancellationTokenSource(timeout);
        try { return await PublishAsync(client, port, key, stop.Token); }
        catch (Exception e) when (e is IOException or SocketException) { return "turned away"; }
    }

    private static async Task<string> PublishAsync(TcpClient client, int port, string key, CancellationToken ct)
    {
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        var stream = client.GetStream();
        var c0c1 = new byte[1 + Handshake.Size];
        c0c1[0] = 3;
        await stream.WriteAsync(c0c1, ct);
        await stream.ReadExactlyAsync(new byte[1 + 2 * Handshake.Size], ct);
        await stream.WriteAsync(new byte[Handshake.Size], ct); // C2
        var writer = new ChunkWriter();
        byte[] Command(uint streamId, params object?[] values) =>
            writer.Encode(3, RtmpMessage.Of(RtmpMessage.Command, streamId, Amf0.Write(values)));
        await stream.WriteAsync(Command(0, "connect", 1.0, new Dictionary<string, object?> { ["app"] = "live" }), ct);
        await stream.WriteAsync(Command(0, "createStream", 2.0, null), ct);
        await stream.WriteAsync(Command(1, "publish", 0.0, null, key, "live"), ct);
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, ct)) > 0) answer.Write(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
        string text = System.Text.Encoding.UTF8.GetString(answer.ToArray());
        int at = text.LastIndexOf("description", StringComparison.Ordinal);
        return at < 0 ? "" : new string(text[(at + "description".Length + 3)..].TakeWhile(c => c >= ' ').ToArray());
    }
}
