using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Veil.Media.Demux;

namespace Veil.Server.Rtmp;

/// <summary>
/// One RTMP connection: the simple handshake, then the chunk stream read through a
/// <see cref="PipeReader"/>, the connect / createStream / publish commands answered, the stream
/// key checked, and the publisher's audio and video handed on as FLV. Any protocol error ends this
/// session only, with the reason logged.
/// </summary>
internal sealed class RtmpSession(Socket socket, Func<string, string, IPublishTarget?> resolve, ILogger log, int id, TimeSpan idleTimeout)
{
    private const int HandshakeSize = 1536, MaxMessageBytes = 4 << 20, OurChunkSize = 4096, AckWindow = 2_500_000;
    private readonly ChunkReader _chunks = new(MaxMessageBytes);
    private readonly ChunkWriter _writer = new();
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private string _app = "";
    private StreamFeed? _feed;
    private FlvWriter? _flv;
    private string? _publishing;
    private long _received, _acknowledged;
    private CancellationTokenSource? _idle;

    /// <summary>Every read restarts the idle clock.</summary>
    private void Heard() => _idle!.CancelAfter(idleTimeout);
    private int _peerWindow;

    public async Task RunAsync(CancellationToken ct)
    {
        var reader = PipeReader.Create(_stream);
        string ending = "closed by the peer";
        // A peer that goes silent (a stalled encoder, a half-open connection, a slow-loris) is dropped.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _idle = idle;
        try
        {
            await HandshakeAsync(reader, idle.Token);
            await ReadMessagesAsync(reader, idle.Token);
            if (_publishing is not null) ending = "publisher disconnected";
        }
        catch (RtmpProtocolException e) { ending = e.Message; }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { ending = $"no data for {idleTimeout.TotalSeconds:0.#} s"; }
        catch (OperationCanceledException) { ending = "server stopping"; }
        catch (IOException e) { ending = "connection lost: " + e.Message; }
        catch (Exception e) { ending = "error: " + e.Message; }
        finally
        {
            _feed?.Complete();
            await reader.CompleteAsync();
            await _stream.DisposeAsync();
        }
        log.LogInformation("rtmp session {Session}{Stream}: ended: {Reason}", id, _publishing is null ? "" : $" (stream {_publishing})", ending);
    }

    private async Task HandshakeAsync(PipeReader reader, CancellationToken ct)
    {
        var c0c1 = await ReadExactlyAsync(reader, 1 + HandshakeSize, ct);
        if (c0c1[0] != 3) throw new RtmpProtocolException($"not an RTMP client: first byte 0x{c0c1[0]:x2} (expected version 3)");
        var s0s1s2 = new byte[1 + 2 * HandshakeSize];
        s0s1s2[0] = 3;
        RandomNumberGenerator.Fill(s0s1s2.AsSpan(1 + 8, HandshakeSize - 8)); // S1: time 0, zero, random
        c0c1.AsSpan(1).CopyTo(s0s1s2.AsSpan(1 + HandshakeSize));             // S2 echoes C1
        await _stream.WriteAsync(s0s1s2, ct);
        await ReadExactlyAsync(reader, HandshakeSize, ct); // C2
    }

    private async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count, CancellationToken ct)
    {
        while (true)
        {
            Heard();
            var result = await reader.ReadAsync(ct);
            if (result.Buffer.Length >= count)
            {
                var bytes = result.Buffer.Slice(0, count).ToArray();
                reader.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }
            if (result.IsCompleted) throw new RtmpProtocolException($"connection closed during the handshake ({result.Buffer.Length} of {count} bytes)");
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private async Task ReadMessagesAsync(PipeReader reader, CancellationToken ct)
    {
        var messages = new List<RtmpMessage>();
        while (true)
        {
            Heard();
            var result = await reader.ReadAsync(ct);
            var buffer = result.Buffer;
            var sequence = new SequenceReader<byte>(buffer);
            messages.Clear();
            while (_chunks.TryReadChunk(ref sequence, out var message))
                if (message is not null) messages.Add(message);
            _received += sequence.Consumed;
            reader.AdvanceTo(sequence.Position, buffer.End);
            foreach (var m in messages) await HandleAsync(m, ct);
            Heard(); // time spent handing media on is not the peer's silence
            if (_peerWindow > 0 && _received - _acknowledged >= _peerWindow)
            {
                _acknowledged = _received;
                await SendAsync(2, new RtmpMessage(RtmpMessage.Acknowledgement, 0, 0, UInt32((uint)_received)), ct);
            }
            if (result.IsCompleted) return;
        }
    }

    private async Task HandleAsync(RtmpMessage m, CancellationToken ct)
    {
        switch (m.Type)
        {
            case RtmpMessage.SetChunkSize:
                int size = (int)(BinaryPrimitives.ReadUInt32BigEndian(Need(m, 4)) & 0x7FFFFFFF);
                if (size is < 1 or > MaxMessageBytes) throw new RtmpProtocolException($"chunk size {size} is out of range");
                _chunks.ChunkSize = size;
                break;
            case RtmpMessage.WindowAckSize:
                _peerWindow = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(Need(m, 4)));
                break;
            case RtmpMessage.Command:
                await CommandAsync(Amf0.ReadAll(m.Payload), ct);
                break;
            case RtmpMessage.Audio or RtmpMessage.Video or RtmpMessage.Data:
                _flv?.Write(m); // media before publish is ignored
                break;
        }
    }

    private static ReadOnlySpan<byte> Need(RtmpMessage m, int bytes) => m.Payload.Length >= bytes
        ? m.Payload.AsSpan(0, bytes) : throw new RtmpProtocolException($"message type {m.Type} has {m.Payload.Length} bytes, needs {bytes}");

    private async Task CommandAsync(List<object?> args, CancellationToken ct)
    {
        if (args.Count < 2 || args[0] is not string name || args[1] is not double txn)
            throw new RtmpProtocolException("a command message without a name and transaction id");
        switch (name)
        {
            case "connect":
                if (args.Count < 3 || args[2] is not Dictionary<string, object?> props || props.GetValueOrDefault("app") is not string app)
                    throw new RtmpProtocolException("connect without an app");
                _app = app.Trim('/');
                await SendAsync(2, new RtmpMessage(RtmpMessage.WindowAckSize, 0, 0, UInt32(AckWindow)), ct);
                await SendAsync(2, new RtmpMessage(RtmpMessage.SetPeerBandwidth, 0, 0, [.. UInt32(AckWindow), 2]), ct);
                await SendAsync(2, new RtmpMessage(RtmpMessage.SetChunkSize, 0, 0, UInt32(OurChunkSize)), ct);
                _writer.ChunkSize = OurChunkSize;
                await CommandReplyAsync(0, ct, "_result", txn,
                    new Dictionary<string, object?> { ["fmsVer"] = "FMS/3,0,1,123", ["capabilities"] = 31.0 },
                    Status("status", "NetConnection.Connect.Success", "Connection succeeded.", ("objectEncoding", 0.0)));
                break;
            case "createStream":
                await CommandReplyAsync(0, ct, "_result", txn, null, 1.0);
                break;
            case "releaseStream" or "FCPublish" or "FCUnpublish":
                await CommandReplyAsync(0, ct, "_result", txn, null);
                break;
            case "publish":
                await PublishAsync(args.Count > 3 ? args[3] as string : null, ct);
                break;
            case "deleteStream" or "closeStream":
                if (_publishing is not null) log.LogInformation("rtmp session {Session} (stream {Stream}): publisher finished", id, _publishing);
                _feed?.Complete();
                _feed = null;
                _flv = null;
                break;
        }
    }

    private async Task PublishAsync(string? key, CancellationToken ct)
    {
        key = key?.Split('?')[0] ?? "";
        if (_feed is not null) throw new RtmpProtocolException("publish while already publishing");
        var target = resolve(_app, key);
        var feed = target?.NewFeed("flv");
        string? reason = null;
        if (target is null) reason = $"no stream has the key given for app '{_app}'";
        else if (!target.TryAttach(feed!, out var why)) reason = why;
        if (reason is not null)
        {
            await CommandReplyAsync(1, ct, "onStatus", 0.0, null, Status("error", "NetStream.Publish.BadName", reason));
            throw new RtmpProtocolException("publish refused: " + reason);
        }
        _feed = feed;
        _flv = new FlvWriter(feed!);
        _publishing = target!.Name;
        log.LogInformation("rtmp session {Session}: publishing stream {Stream} (app '{App}')", id, _publishing, _app);
        await CommandReplyAsync(1, ct, "onStatus", 0.0, null, Status("status", "NetStream.Publish.Start", $"publishing {target.Name}"));
    }

    private static Dictionary<string, object?> Status(string level, string code, string description, params (string Key, object? Value)[] more)
    {
        var status = new Dictionary<string, object?> { ["level"] = level, ["code"] = code, ["description"] = description };
        foreach (var (k, v) in more) status[k] = v;
        return status;
    }

    private Task CommandReplyAsync(uint streamId, CancellationToken ct, params object?[] values) =>
        SendAsync(3, new RtmpMessage(RtmpMessage.Command, streamId, 0, Amf0.Write(values)), ct);

    private async Task SendAsync(int csid, RtmpMessage message, CancellationToken ct) => await _stream.WriteAsync(_writer.Encode(csid, message), ct);

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
