using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Ingest.Rtmp;

/// <summary>
/// One RTMP connection: the handshake, then the chunk stream read through a <see cref="PipeReader"/>,
/// the commands answered (RtmpSession.Commands.cs), and a publisher's media handed on as FLV. Two
/// clocks end a peer that takes without giving: the handshake deadline runs from the connection to
/// the publish, then the idle deadline restarts only on whole messages, so a byte now and then keeps
/// nobody alive. Any protocol error ends this session only, with the reason logged.
/// </summary>
internal sealed partial class RtmpSession(Socket socket, IPAddress peer, IPublishPoints points, RtmpLimits limits, ByteBudget reassembly, ILogger log, int id, Action onLateHandshake)
{
    private const int OurChunkSize = 4096, AckWindow = 2_500_000;
    private readonly ChunkReader _chunks = new(limits.Chunks, reassembly);
    private readonly ChunkWriter _writer = new();
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private readonly List<RtmpMessage> _parsed = new();
    private CancellationTokenSource _end = null!;
    private string? _endReason;
    private IPublishFeed? _feed;
    private FlvFeedWriter? _flv;
    private long _received, _acknowledged;
    private int _peerWindow;

    public async Task RunAsync(CancellationToken serverStop)
    {
        // Small reads, and nothing buffered beyond what is parsed: a chunk's data is copied out as it comes.
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 << 10, minimumReadSize: 4 << 10));
        string ending = "closed by the peer";
        bool late = false;
        using var end = CancellationTokenSource.CreateLinkedTokenSource(serverStop);
        _end = end;
        end.CancelAfter(limits.HandshakeTimeout);
        try
        {
            await HandshakeAsync(reader, end.Token);
            await ReadMessagesAsync(reader, end.Token);
            if (_feed is not null) ending = "publisher disconnected";
        }
        catch (RtmpProtocolException e) { ending = e.Message; }
        catch (PublishStoppedException e) { ending = "the stream stopped taking this publisher: " + e.Message; }
        catch (OperationCanceledException) when (serverStop.IsCancellationRequested) { ending = "server stopping"; }
        catch (OperationCanceledException)
        {
            late = _endReason is null && _feed is null;
            ending = _endReason ?? DeadlineText();
        }
        catch (IOException e) { ending = "connection lost: " + e.Message; }
        catch (Exception e) { ending = "error: " + e.Message; }
        finally
        {
            _feed?.Complete();
            _flv?.Release();
            foreach (var m in _parsed) _chunks.Release(m);
            _chunks.Dispose();
            await reader.CompleteAsync();
            await _stream.DisposeAsync();
        }
        if (late)
        {
            onLateHandshake(); // summed up by the server: a flood of slow peers is one line, not a thousand
            RtmpLog.EndedLate(log, id, peer, ending);
        }
        else if (_feed is { } feed) RtmpLog.PublishEnded(log, id, peer, feed.Stream, ending);
        else RtmpLog.Ended(log, id, peer, ending);
    }

    private string DeadlineText() => _feed is null
        ? $"did not publish within {limits.HandshakeTimeout.TotalSeconds:0.#} s (handshake, connect, publish)"
        : $"no data for {limits.IdleTimeout.TotalSeconds:0.#} s (no whole message)";

    /// <summary>Ends the session from elsewhere (the stream stopped taking this publisher), with why.</summary>
    private void End(string reason)
    {
        _endReason = reason;
        try { _end.Cancel(); }
        catch (ObjectDisposedException) { } // the session ended meanwhile
    }

    private async Task HandshakeAsync(PipeReader reader, CancellationToken ct)
    {
        var c0c1 = await ReadExactlyAsync(reader, 1 + Handshake.Size, ct);
        await _stream.WriteAsync(Handshake.Answer(c0c1), ct);
        await ReadExactlyAsync(reader, Handshake.Size, ct); // C2
    }

    private static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count, CancellationToken ct)
    {
        while (true)
        {
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
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var consumed = Parse(result.Buffer);
            reader.AdvanceTo(consumed, result.Buffer.End);
            while (_parsed.Count > 0)
            {
                var message = _parsed[0];
                _parsed.RemoveAt(0);
                try { await HandleAsync(message, ct); }
                finally { _chunks.Release(message); }
                if (_feed is not null) _end.CancelAfter(limits.IdleTimeout); // a whole message: the publisher is alive
            }
            if (_peerWindow > 0 && _received - _acknowledged >= _peerWindow)
            {
                _acknowledged = _received;
                await SendAsync(2, RtmpMessage.Of(RtmpMessage.Acknowledgement, 0, UInt32((uint)_received)), ct);
            }
            if (result.IsCompleted) return;
        }
    }

    /// <summary>Reassembles what the buffer holds into <see cref="_parsed"/> (the reader applies Set Chunk Size and Abort itself).</summary>
    private SequencePosition Parse(ReadOnlySequence<byte> buffer)
    {
        var sequence = new SequenceReader<byte>(buffer);
        while (_chunks.TryReadMessage(ref sequence, out var message)) _parsed.Add(message);
        _received += sequence.Consumed;
        return sequence.Position;
    }

    private async Task HandleAsync(RtmpMessage m, CancellationToken ct)
    {
        switch (m.Type)
        {
            case RtmpMessage.WindowAckSize:
                _peerWindow = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(Need(m, 4)));
                break;
            case RtmpMessage.Command:
                await CommandAsync(Amf0.ReadAll(m.Payload), ct);
                break;
            case RtmpMessage.Audio or RtmpMessage.Video or RtmpMessage.Data:
                if (_flv is not null) await _flv.WriteAsync(m, ct); // media before publish is ignored
                break;
        }
    }

    private static ReadOnlySpan<byte> Need(RtmpMessage m, int bytes) => m.Length >= bytes
        ? m.Payload[..bytes] : throw new RtmpProtocolException($"message type {m.Type} has {m.Length} bytes, needs {bytes}");

    private async Task SendAsync(int csid, RtmpMessage message, CancellationToken ct) => await _stream.WriteAsync(_writer.Encode(csid, message), ct);

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
