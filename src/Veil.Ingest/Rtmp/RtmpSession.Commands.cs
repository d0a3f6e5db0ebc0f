using Veil.Ingest.Rtmp.Wire;

namespace Veil.Ingest.Rtmp;

// The NetConnection and NetStream commands of a publisher (spec 7.2):
//   connect(txn, {app, ...})  -> Window Ack Size, Set Peer Bandwidth, Set Chunk Size, _result(NetConnection.Connect.Success)
//   releaseStream / FCPublish -> _result
//   createStream(txn)         -> _result(txn, null, stream id 1)
//   publish(0, null, key)     -> onStatus(NetStream.Publish.Start), or onStatus(error) and the connection closed
//   play(0, null, name)       -> onStatus(NetStream.Play.Failed) naming where to watch: this port only takes publishers
//   FCUnpublish / deleteStream / closeStream: the publish ends

internal sealed partial class RtmpSession
{
    private string _app = "";

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
                await SendAsync(2, RtmpMessage.Of(RtmpMessage.WindowAckSize, 0, UInt32(AckWindow)), ct);
                await SendAsync(2, RtmpMessage.Of(RtmpMessage.SetPeerBandwidth, 0, [.. UInt32(AckWindow), 2]), ct);
                await SendAsync(2, RtmpMessage.Of(RtmpMessage.SetChunkSize, 0, UInt32(OurChunkSize)), ct);
                _writer.ChunkSize = OurChunkSize;
                await ReplyAsync(0, ct, "_result", txn,
                    new Dictionary<string, object?> { ["fmsVer"] = "FMS/3,0,1,123", ["capabilities"] = 31.0 },
                    Status("status", "NetConnection.Connect.Success", "Connection succeeded.", ("objectEncoding", 0.0)));
                break;
            case "createStream":
                await ReplyAsync(0, ct, "_result", txn, null, 1.0);
                break;
            case "releaseStream" or "FCPublish":
                await ReplyAsync(0, ct, "_result", txn, null);
                break;
            case "publish":
                await PublishAsync(args.Count > 3 ? args[3] as string : null, ct);
                break;
            case "play":
                await RefusePlayAsync(args.Count > 3 ? args[3] as string : null, ct);
                break;
            case "FCUnpublish" or "deleteStream" or "closeStream":
                if (_feed is not null && _flv is not null)
                {
                    RtmpLog.PublisherFinished(log, id, _feed.Stream);
                    _feed.Complete();
                    _flv = null;
                }
                break;
        }
    }

    private async Task PublishAsync(string? key, CancellationToken ct)
    {
        if (_feed is not null) throw new RtmpProtocolException("publish while already publishing");
        key = key?.Split('?')[0] ?? "";
        var opening = points.Open(new PublishRequest("rtmp", peer, null, key, "flv"));
        if (opening.Feed is not { } feed)
        {
            await ReplyAsync(1, ct, "onStatus", 0.0, null, Status("error", "NetStream.Publish.BadName", opening.Reason));
            throw new RtmpProtocolException("publish refused: " + opening.Reason);
        }
        _feed = feed;
        _flv = new FlvFeedWriter(feed);
        _ = feed.Stopped.ContinueWith(t =>
        {
            if (t.Result.Kind != PublishStopKind.Finished) End("the stream stopped taking this publisher: " + t.Result.Reason);
        }, TaskScheduler.Default);
        _end.CancelAfter(limits.IdleTimeout); // publishing: from now on only silence ends the session
        RtmpLog.Publishing(log, id, peer, feed.Stream, _app);
        await ReplyAsync(1, ct, "onStatus", 0.0, null, Status("status", "NetStream.Publish.Start", $"publishing {feed.Stream}"));
    }

    /// <summary>A player came to the publish port: tell it where the anonymized stream is, instead of leaving it waiting.</summary>
    private async Task RefusePlayAsync(string? name, CancellationToken ct)
    {
        name = name?.Split('?')[0] ?? "";
        string where = points.WhereToWatch(name);
        await ReplyAsync(1, ct, "onStatus", 0.0, null, Status("error", "NetStream.Play.Failed", where));
        throw new RtmpProtocolException($"a player asked to play '{name}': told {where}");
    }

    private static Dictionary<string, object?> Status(string level, string code, string description, params (string Key, object? Value)[] more)
    {
        var status = new Dictionary<string, object?> { ["level"] = level, ["code"] = code, ["description"] = description };
        foreach (var (k, v) in more) status[k] = v;
        return status;
    }

    private Task ReplyAsync(uint streamId, CancellationToken ct, params object?[] values) =>
        SendAsync(3, RtmpMessage.Of(RtmpMessage.Command, streamId, Amf0.Write(values)), ct);
}
