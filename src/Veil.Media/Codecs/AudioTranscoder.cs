using Veil.Media.Demux;
using Veil.Media.Handles;
using Veil.Media.Interop;

namespace Veil.Media.Codecs;

/// <summary>
/// Re-encodes an audio stream the output container cannot carry as it is (PCM in FLV, Opus in
/// RTMP, ...) to AAC: decode, resample to the encoder's sample format, regroup into the encoder's
/// frame size, encode. Timestamps count samples from the first decoded frame, so A/V sync holds.
/// </summary>
public sealed unsafe class AudioTranscoder : IDisposable
{
    private readonly CodecContextHandle _decoder;
    private readonly CodecContextHandle _encoder;
    private readonly SwrHandle _resampler;
    private readonly AudioFifoHandle _fifo;
    private readonly FrameHandle _decoded = new();
    private readonly FrameHandle _resampled = new();
    private readonly FrameHandle _chunk = new();
    private readonly AvRational _inputTimeBase;
    private readonly int _sampleRate, _sampleFormat, _frameSize, _channels;
    private readonly Queue<MediaPacket> _encoded = new();
    private readonly PacketPool _packets;
    private long _nextPts = AvConst.AV_NOPTS_VALUE;
    private bool _resamplerMatchesInput;

    /// <param name="packets">Where encoded packets come from; whoever takes them returns them there.</param>
    public AudioTranscoder(MediaInput input, MediaStreamInfo stream, bool globalHeader, PacketPool packets, long bitrate = 128_000)
    {
        _packets = packets;
        nint decoder = Avcodec.avcodec_find_decoder(stream.CodecId);
        if (decoder == 0) throw new MediaException($"no decoder for audio codec '{stream.CodecName}'");
        nint aac = Avcodec.avcodec_find_encoder(AvConst.AV_CODEC_ID_AAC);
        if (aac == 0) throw new MediaException("FFmpeg has no AAC encoder");
        _decoder = new CodecContextHandle(decoder);
        _encoder = new CodecContextHandle(aac);
        try
        {
            AvException.Check(Avcodec.avcodec_parameters_to_context(_decoder.Ptr, input.CodecParameters(stream.Index)),
                "avcodec_parameters_to_context");
            Shim.veil_set_ctx_pkt_timebase(_decoder.Ptr, stream.TimeBase);
            AvException.Check(Avcodec.avcodec_open2(_decoder.Ptr, decoder, null), "avcodec_open2", $"{stream.CodecName} decoder");

            _sampleRate = Shim.veil_ctx_sample_rate(_decoder.Ptr);
            _sampleFormat = Shim.veil_codec_first_sample_fmt(aac);
            nint e = _encoder.Ptr;
            Shim.veil_set_ctx_sample_rate(e, _sampleRate);
            Shim.veil_set_ctx_sample_fmt(e, _sampleFormat);
            _channels = Math.Clamp(stream.Channels, 1, 2); // AAC-LC stereo: what every RTMP player takes
            Shim.veil_ctx_set_default_ch_layout(e, _channels);
            Shim.veil_set_ctx_time_base(e, new AvRational(1, _sampleRate));
            Shim.veil_set_ctx_bit_rate(e, bitrate);
            if (globalHeader) Shim.veil_ctx_add_flags(e, AvConst.AV_CODEC_FLAG_GLOBAL_HEADER);
            AvException.Check(Avcodec.avcodec_open2(e, aac, null), "avcodec_open2", "AAC encoder");
            _frameSize = Shim.veil_ctx_frame_size(e);

            nint swr = 0;
            AvException.Check(Swresample.swr_alloc_set_opts2(&swr,
                Shim.veil_ctx_ch_layout(e), _sampleFormat, _sampleRate,
                Shim.veil_ctx_ch_layout(_decoder.Ptr), Shim.veil_ctx_sample_fmt(_decoder.Ptr), _sampleRate, 0, 0),
                "swr_alloc_set_opts2");
            _resampler = new SwrHandle(swr);
            AvException.Check(Swresample.swr_init(_resampler.Ptr), "swr_init");
            _fifo = new AudioFifoHandle(_sampleFormat, _channels, _frameSize * 4);
        }
        catch
        {
            Dispose();
            throw;
        }
        _inputTimeBase = stream.TimeBase;
        TimeBase = new AvRational(1, _sampleRate);
    }

    public AvRational TimeBase { get; }
    internal nint EncoderContext => _encoder.Ptr;

    /// <summary>Decodes one packet (null flushes) and feeds the encoder every whole frame it now has.</summary>
    public void Send(MediaPacket? packet)
    {
        int rc = Avcodec.avcodec_send_packet(_decoder.Ptr, packet?.Ptr ?? 0);
        if (rc < 0 && rc != AvConst.AVERROR_EOF) return; // a damaged audio packet costs a few ms of sound
        while (Avcodec.avcodec_receive_frame(_decoder.Ptr, _decoded.Ptr) >= 0)
        {
            if (_nextPts == AvConst.AV_NOPTS_VALUE)
            {
                long pts = Shim.veil_frame_best_effort_timestamp(_decoded.Ptr);
                _nextPts = pts == AvConst.AV_NOPTS_VALUE ? 0 : Avutil.av_rescale_q(pts, _inputTimeBase, TimeBase);
            }
            Resample(_decoded.Ptr);
            Avutil.av_frame_unref(_decoded.Ptr);
            EncodeWholeFrames(flush: false);
        }
        if (packet is null)
        {
            EncodeWholeFrames(flush: true);
            int eof = Avcodec.avcodec_send_frame(_encoder.Ptr, 0);
            if (eof != AvConst.AVERROR_EOF) AvException.Check(eof, "avcodec_send_frame", "flushing AAC encoder");
            DrainEncoder();
        }
    }

    /// <summary>Takes the next encoded AAC packet; the caller owns it and returns it to the pool.</summary>
    public bool TryReceive(out MediaPacket? packet) => _encoded.TryDequeue(out packet);

    // The encoder holds one packet at most: take its output after every frame sent.
    private void DrainEncoder()
    {
        while (true)
        {
            var packet = _packets.Rent();
            int rc = Avcodec.avcodec_receive_packet(_encoder.Ptr, packet.Ptr);
            if (rc < 0)
            {
                _packets.Return(packet);
                if (rc == AvConst.AVERROR_EAGAIN || rc == AvConst.AVERROR_EOF) return;
                AvException.Check(rc, "avcodec_receive_packet", "AAC encoder");
            }
            packet.TimeBase = TimeBase;
            _encoded.Enqueue(packet);
        }
    }

    private void Resample(nint input, bool retried = false)
    {
        Shim.veil_frame_default_unspec_layout(input);
        nint outFrame = _resampled.Ptr;
        Avutil.av_frame_unref(outFrame);
        Shim.veil_set_frame_format(outFrame, _sampleFormat);
        Shim.veil_set_frame_sample_rate(outFrame, _sampleRate);
        Shim.veil_frame_set_ch_layout(outFrame, Shim.veil_ctx_ch_layout(_encoder.Ptr));
        if (!_resamplerMatchesInput)
        {
            // The decoder's real layout is known only from its frames (PCM in AVI reports none before).
            AvException.Check(Swresample.swr_config_frame(_resampler.Ptr, outFrame, input), "swr_config_frame");
            AvException.Check(Swresample.swr_init(_resampler.Ptr), "swr_init");
            _resamplerMatchesInput = true;
        }
        int rc = Swresample.swr_convert_frame(_resampler.Ptr, outFrame, input);
        if (rc == AvConst.AVERROR_INPUT_CHANGED && !retried)
        {
            _resamplerMatchesInput = false; // the source switched layout or rate mid-stream
            Resample(input, retried: true);
            return;
        }
        AvException.Check(rc, "swr_convert_frame");
        int n = Shim.veil_frame_nb_samples(outFrame);
        if (n > 0)
            AvException.Check(Avutil.av_audio_fifo_write(_fifo.Ptr, Shim.veil_frame_data_array(outFrame), n), "av_audio_fifo_write");
    }

    private void EncodeWholeFrames(bool flush)
    {
        while (Avutil.av_audio_fifo_size(_fifo.Ptr) >= _frameSize || (flush && Avutil.av_audio_fifo_size(_fifo.Ptr) > 0))
        {
            int n = Math.Min(_frameSize, Avutil.av_audio_fifo_size(_fifo.Ptr));
            nint chunk = _chunk.Ptr;
            Avutil.av_frame_unref(chunk);
            Shim.veil_set_frame_nb_samples(chunk, n);
            Shim.veil_set_frame_format(chunk, _sampleFormat);
            Shim.veil_set_frame_sample_rate(chunk, _sampleRate);
            Shim.veil_frame_set_ch_layout(chunk, Shim.veil_ctx_ch_layout(_encoder.Ptr));
            AvException.Check(Avutil.av_frame_get_buffer(chunk, 0), "av_frame_get_buffer", "audio frame");
            AvException.Check(Avutil.av_audio_fifo_read(_fifo.Ptr, Shim.veil_frame_data_array(chunk), n), "av_audio_fifo_read");
            Shim.veil_set_frame_pts(chunk, _nextPts);
            _nextPts += n;
            AvException.Check(Avcodec.avcodec_send_frame(_encoder.Ptr, chunk), "avcodec_send_frame", "AAC encoder");
            DrainEncoder();
        }
    }

    public void Dispose()
    {
        while (_encoded.TryDequeue(out var p)) _packets.Return(p);
        _decoder?.Dispose();
        _encoder?.Dispose();
        _resampler?.Dispose();
        _fifo?.Dispose();
        _decoded.Dispose();
        _resampled.Dispose();
        _chunk.Dispose();
    }
}
