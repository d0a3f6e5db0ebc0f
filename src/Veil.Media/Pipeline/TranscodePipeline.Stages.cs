using System.Diagnostics;
using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.Media.Demux;

namespace Veil.Media.Pipeline;

public sealed partial class TranscodePipeline
{
    private readonly record struct MuxItem(MediaPacket Packet, bool IsVideo);

    private void Demux(StageQueue<MediaPacket> video, StageQueue<MediaPacket> audio, CancellationToken ct)
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
                    if (_shedder?.SkipPacket(packet, decoderBehind: video.Count >= video.Capacity / 2) == true) continue;
                }
                if (pace is not null && target == video)
                {
                    pace.Wait(packet, ct);
                    // A camera delivers the packet now: the file was read ahead of it, and that wait is no latency.
                    packet.ArrivalTimestamp = Stopwatch.GetTimestamp();
                }
                target.Add(packet);
                packet = _packets.Rent();
            }
            if (!ct.IsCancellationRequested && _limit?.IsReached != true) _input.CheckComplete(_video, videoPackets);
        }
        catch (MediaException e) when (!ct.IsCancellationRequested)
        {
            // The input broke off (a publisher gone silent, a corrupt read): what came before it is
            // still redacted, encoded and written, and every output finished, before the run fails with it.
            _inputBrokeOff = e;
        }
        finally
        {
            _packets.Return(packet);
            video.Complete();
            audio.Complete();
        }
    }

    private void Decode(StageQueue<MediaPacket> packets, StageQueue<VideoFrame> frames)
    {
        try
        {
            while (packets.TryTake(out var packet))
            {
                long arrival = packet.ArrivalTimestamp;
                try { _decoder.Send(packet); }
                finally { _packets.Return(packet); }
                ForwardDecoded(arrival, frames);
            }
            _decoder.Send(null);
            ForwardDecoded(Stopwatch.GetTimestamp(), frames);
        }
        finally
        {
            frames.Complete();
        }
    }

    private void ForwardDecoded(long arrival, StageQueue<VideoFrame> frames)
    {
        while (_decoder.TryReceive(arrival, out var frame)) Forward(frame!, frames);
    }

    private void Redact(StageQueue<VideoFrame> input, StageQueue<VideoFrame> output)
    {
        var lookAhead = _processor as ILookAheadProcessor;
        var held = new Queue<VideoFrame>();
        var newest = TimeSpan.MinValue;
        try
        {
            while (true)
            {
                // While frames are held, look up every few ms: a frame whose answers came in
                // between two arrivals leaves then, not at the next arrival (40 ms later at 25 fps).
                if (!input.TryTake(out var frame, held.Count > 0 ? ReadyPollMs : Timeout.Infinite, out bool ended))
                {
                    if (ended) break;
                    Release(lookAhead!, held, newest, output);
                    continue;
                }
                if (_shedder?.DropFrame(frame.ArrivalTimestamp, newerWaiting: input.Count > 0, lookAhead?.OldestUnfinishedArrival ?? 0) == true)
                {
                    // Time still moves on for the frames held before it: their look-ahead has come, dropped or not.
                    newest = frame.Time;
                    frame.Release();
                    if (lookAhead is not null) Release(lookAhead, held, newest, output);
                    continue;
                }
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
                    Forward(frame, output);
                    continue;
                }
                held.Enqueue(frame);
                newest = frame.Time;
                Release(lookAhead, held, newest, output);
            }
            while (held.Count > 0) CompleteAndForward(lookAhead!, held.Dequeue(), output);
        }
        finally
        {
            while (held.Count > 0) held.Dequeue().Release();
            output.Complete();
        }
    }

    private const int ReadyPollMs = 4;

    /// <summary>
    /// Sends on the held frames that may go: those whose look-ahead has arrived and whose answers
    /// are in, and, waiting for their answers if need be, those held for the longest hold.
    /// </summary>
    private static void Release(ILookAheadProcessor processor, Queue<VideoFrame> held, TimeSpan newest, StageQueue<VideoFrame> output)
    {
        while (held.Count > 0)
        {
            var heldFor = newest - held.Peek().Time;
            if (heldFor < processor.Delay && (heldFor < processor.MinDelay || !processor.IsReady(held.Peek()))) return;
            CompleteAndForward(processor, held.Dequeue(), output);
        }
    }

    private static void CompleteAndForward(ILookAheadProcessor processor, VideoFrame frame, StageQueue<VideoFrame> output)
    {
        try { processor.Complete(frame); }
        catch { frame.Release(); throw; }
        Forward(frame, output);
    }

    private static void Forward(VideoFrame frame, StageQueue<VideoFrame> output)
    {
        try { output.Add(frame); }
        catch { frame.Release(); throw; }
    }

    private void Encode(StageQueue<VideoFrame> frames, StageQueue<MuxItem> mux, Action? report)
    {
        long lastReport = 0;
        try
        {
            while (frames.TryTake(out var frame))
            {
                if (frame.Dropped)
                {
                    Interlocked.Increment(ref _framesDropped);
                    frame.Release();
                    continue;
                }
                _arrivals.Remember(frame.Pts, frame.ArrivalTimestamp);
                bool keyframe = _keyframes?.TakeDue() ?? false; // a viewer joined
                if (_gop.Due(frame.Pts)) keyframe = true;
                if (keyframe) _gop.Keyframe(frame.Pts);
                try { _encoder.Send(frame, keyframe); }
                finally { frame.Release(); } // the encoder keeps its own reference to the buffers
                Interlocked.Exchange(ref _lastVideoPts, frame.Pts);
                Interlocked.Increment(ref _framesEncoded);
                ForwardEncoded(mux);
                if (report is not null && Stopwatch.GetElapsedTime(lastReport).TotalMilliseconds >= 250)
                {
                    lastReport = Stopwatch.GetTimestamp();
                    report();
                }
            }
            _encoder.Send(null);
            ForwardEncoded(mux);
        }
        finally
        {
            if (Interlocked.Decrement(ref _openMuxWriters) == 0) mux.Complete();
        }
    }

    private void ForwardEncoded(StageQueue<MuxItem> mux)
    {
        while (true)
        {
            var packet = _packets.Rent();
            if (!_encoder.TryReceive(packet)) { _packets.Return(packet); return; }
            packet.ArrivalTimestamp = _arrivals.Recall(packet.Pts);
            if (packet.IsKeyframe) _gop.Keyframe(packet.Pts); // the encoder's own (a scene cut) restarts the GOP too
            WriteMux(mux, new MuxItem(packet, true));
        }
    }

    private void AudioStage(StageQueue<MediaPacket> packets, StageQueue<MuxItem> mux)
    {
        try
        {
            while (packets.TryTake(out var packet))
            {
                if (_audioTranscoder is null)
                {
                    WriteMux(mux, new MuxItem(packet, false));
                    continue;
                }
                try { _audioTranscoder.Send(packet); }
                finally { _packets.Return(packet); }
                ForwardAudio(mux);
            }
            if (_audioTranscoder is not null)
            {
                _audioTranscoder.Send(null);
                ForwardAudio(mux);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _openMuxWriters) == 0) mux.Complete();
        }
    }

    private void ForwardAudio(StageQueue<MuxItem> mux)
    {
        while (_audioTranscoder!.TryReceive(out var encoded)) WriteMux(mux, new MuxItem(encoded!, false));
    }

    private void WriteMux(StageQueue<MuxItem> mux, MuxItem item)
    {
        try { mux.Add(item); }
        catch { _packets.Return(item.Packet); throw; }
    }

    private void Tap(MediaPacket packet)
    {
        var tb = packet.TimeBase;
        long micros = packet.Pts * 1_000_000L * tb.Num / tb.Den;
        try { _videoTap!.OnVideo(packet.Data, micros, packet.IsKeyframe, _encoder.Extradata); }
        catch (Exception e) { MediaLog.VideoTapFailed(_log, e.Message); }
    }

    private void Mux(StageQueue<MuxItem> queue, CancellationToken ct)
    {
        var copy = _outputs.Count > 1 ? _packets.Rent() : null;
        long firstArrival = 0;
        try
        {
            while (queue.TryTake(out var item))
            {
                try
                {
                    int stream = item.IsVideo ? _videoOut : _audioOut;
                    long arrival = item.Packet.ArrivalTimestamp;
                    if (item.IsVideo && _videoTap is not null) Tap(item.Packet); // before a muxer takes the packet's data
                    for (int i = 0; i < _outputs.Count; i++)
                    {
                        var packet = item.Packet;
                        if (i < _outputs.Count - 1) { copy!.RefFrom(item.Packet); packet = copy; }
                        _outputs[i].Write(packet, stream, _input.StartTime);
                    }
                    foreach (var destination in _destinations) destination.Offer(item.Packet, stream, item.IsVideo);
                    foreach (var side in _sideOutputs) side.Offer(item.Packet, stream, item.IsVideo);
                    if (item.IsVideo && arrival != 0)
                    {
                        var latency = Stopwatch.GetElapsedTime(arrival);
                        Latency.Record(latency);
                        if (firstArrival == 0) firstArrival = arrival;
                        if (Stopwatch.GetElapsedTime(firstArrival, arrival) >= Opening) SettledLatency.Record(latency);
                        _shedder?.Observe(latency);
                    }
                }
                finally
                {
                    _packets.Return(item.Packet);
                }
            }
            ct.ThrowIfCancellationRequested();
            foreach (var output in _outputs) output.Finish();
            foreach (var destination in _destinations.Concat(_sideOutputs)) destination.Complete(TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (copy is not null) _packets.Return(copy);
        }
    }
}
