using System.Diagnostics;
using System.Threading.Channels;
using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.Media.Demux;

namespace Veil.Media.Pipeline;

public sealed partial class TranscodePipeline
{
    private readonly record struct MuxItem(MediaPacket Packet, bool IsVideo);

    private async Task DemuxAsync(ChannelWriter<MediaPacket> video, ChannelWriter<MediaPacket> audio, CancellationToken ct)
    {
        var packet = _packets.Rent();
        var pace = _pacesInput ? new InputPacer() : null;
        long videoPackets = 0;
        try
        {
            while (!ct.IsCancellationRequested && _input.TryReadPacket(packet))
            {
                var target = packet.StreamIndex == _video.Index ? video
                    : packet.StreamIndex == _audio?.Index ? audio : null;
                if (target is null) continue; // data/subtitle streams are not carried
                if (target == video)
                {
                    videoPackets++;
                    if (_limit?.Reached(packet) == true) break;
                }
                if (pace is not null && target == video) await pace.WaitAsync(packet, ct);
                await target.WriteAsync(packet, ct);
                packet = _packets.Rent();
            }
            if (!ct.IsCancellationRequested && _limit?.IsReached != true) _input.EnsureComplete(_video, videoPackets);
        }
        finally
        {
            _packets.Return(packet);
            video.TryComplete();
            audio.TryComplete();
        }
    }

    private async Task DecodeAsync(ChannelReader<MediaPacket> packets, ChannelWriter<VideoFrame> frames, CancellationToken ct)
    {
        try
        {
            await foreach (var packet in packets.ReadAllAsync(ct))
            {
                long arrival = packet.ArrivalTimestamp;
                try { _decoder.Send(packet); }
                finally { _packets.Return(packet); }
                await ForwardDecodedAsync(arrival, frames, ct);
            }
            _decoder.Send(null);
            await ForwardDecodedAsync(Stopwatch.GetTimestamp(), frames, ct);
        }
        finally
        {
            frames.TryComplete();
        }
    }

    private async Task ForwardDecodedAsync(long arrival, ChannelWriter<VideoFrame> frames, CancellationToken ct)
    {
        while (_decoder.TryReceive(arrival, out var frame))
        {
            try { await frames.WriteAsync(frame!, ct); }
            catch { frame!.Release(); throw; }
        }
    }

    private async Task RedactAsync(ChannelReader<VideoFrame> input, ChannelWriter<VideoFrame> output, CancellationToken ct)
    {
        var lookAhead = _processor as ILookAheadProcessor;
        var held = new Queue<VideoFrame>();
        try
        {
            await foreach (var frame in input.ReadAllAsync(ct))
            {
                try
                {
                    _processor.Process(frame);
                }
                catch
                {
                    frame.Release(); // fail closed: a frame the processor did not finish is never encoded
                    throw;
                }
                if (lookAhead is null)
                {
                    await ForwardAsync(frame, output, ct);
                    continue;
                }
                held.Enqueue(frame);
                while (held.Count > 0 && frame.Time - held.Peek().Time >= lookAhead.Delay)
                    await CompleteAndForwardAsync(lookAhead, held.Dequeue(), output, ct);
            }
            while (held.Count > 0) await CompleteAndForwardAsync(lookAhead!, held.Dequeue(), output, ct);
        }
        finally
        {
            while (held.Count > 0) held.Dequeue().Release();
            output.TryComplete();
        }
    }

    private static async Task CompleteAndForwardAsync(ILookAheadProcessor processor, VideoFrame frame, ChannelWriter<VideoFrame> output, CancellationToken ct)
    {
        try { processor.Complete(frame); }
        catch { frame.Release(); throw; }
        await ForwardAsync(frame, output, ct);
    }

    private static async Task ForwardAsync(VideoFrame frame, ChannelWriter<VideoFrame> output, CancellationToken ct)
    {
        try { await output.WriteAsync(frame, ct); }
        catch { frame.Release(); throw; }
    }

    private async Task EncodeAsync(ChannelReader<VideoFrame> frames, ChannelWriter<MuxItem> mux, Action? report, CancellationToken ct)
    {
        long lastReport = 0;
        try
        {
            await foreach (var frame in frames.ReadAllAsync(ct))
            {
                if (frame.Dropped)
                {
                    Interlocked.Increment(ref _framesDropped);
                    frame.Release();
                    continue;
                }
                _arrivals.Remember(frame.Pts, frame.ArrivalTimestamp);
                try { _encoder.Send(frame); }
                finally { frame.Release(); } // the encoder keeps its own reference to the buffers
                Interlocked.Exchange(ref _lastVideoPts, frame.Pts);
                Interlocked.Increment(ref _framesEncoded);
                await ForwardEncodedAsync(mux, ct);
                if (report is not null && Stopwatch.GetElapsedTime(lastReport).TotalMilliseconds >= 250)
                {
                    lastReport = Stopwatch.GetTimestamp();
                    report();
                }
            }
            _encoder.Send(null);
            await ForwardEncodedAsync(mux, ct);
        }
        finally
        {
            if (Interlocked.Decrement(ref _openMuxWriters) == 0) mux.TryComplete();
        }
    }

    private async Task ForwardEncodedAsync(ChannelWriter<MuxItem> mux, CancellationToken ct)
    {
        while (true)
        {
            var packet = _packets.Rent();
            if (!_encoder.TryReceive(packet)) { _packets.Return(packet); return; }
            packet.ArrivalTimestamp = _arrivals.Recall(packet.Pts);
            await WriteMuxAsync(mux, new MuxItem(packet, true), ct);
        }
    }

    private async Task AudioAsync(ChannelReader<MediaPacket> packets, ChannelWriter<MuxItem> mux, CancellationToken ct)
    {
        try
        {
            await foreach (var packet in packets.ReadAllAsync(ct))
            {
                if (_audioTranscoder is null)
                {
                    await WriteMuxAsync(mux, new MuxItem(packet, false), ct);
                    continue;
                }
                try { _audioTranscoder.Send(packet); }
                finally { _packets.Return(packet); }
                await ForwardAudioAsync(mux, ct);
            }
            if (_audioTranscoder is not null)
            {
                _audioTranscoder.Send(null);
                await ForwardAudioAsync(mux, ct);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _openMuxWriters) == 0) mux.TryComplete();
        }
    }

    private async Task ForwardAudioAsync(ChannelWriter<MuxItem> mux, CancellationToken ct)
    {
        while (_audioTranscoder!.TryReceive(out var encoded))
            await WriteMuxAsync(mux, new MuxItem(encoded!, false), ct);
    }

    private async ValueTask WriteMuxAsync(ChannelWriter<MuxItem> mux, MuxItem item, CancellationToken ct)
    {
        try { await mux.WriteAsync(item, ct); }
        catch { _packets.Return(item.Packet); throw; }
    }

    private async Task MuxAsync(ChannelReader<MuxItem> queue, CancellationToken ct)
    {
        var copy = _outputs.Count > 1 ? _packets.Rent() : null;
        try
        {
            await foreach (var item in queue.ReadAllAsync(ct))
            {
                try
                {
                    int stream = item.IsVideo ? _videoOut : _audioOut;
                    long arrival = item.Packet.ArrivalTimestamp;
                    for (int i = 0; i < _outputs.Count; i++)
                    {
                        var packet = item.Packet;
                        if (i < _outputs.Count - 1) { copy!.RefFrom(item.Packet); packet = copy; }
                        _outputs[i].Write(packet, stream, _input.StartTime);
                    }
                    if (item.IsVideo && arrival != 0) Latency.Record(Stopwatch.GetElapsedTime(arrival));
                }
                finally
                {
                    _packets.Return(item.Packet);
                }
            }
            ct.ThrowIfCancellationRequested();
            foreach (var output in _outputs) output.Finish();
        }
        finally
        {
            if (copy is not null) _packets.Return(copy);
        }
    }
}
