/*
 * veil_av: the thin C shim between Veil and FFmpeg's libraries.
 *
 * Veil calls FFmpeg's functions directly from C#; this shim exists only for what C# cannot do
 * safely without copying FFmpeg's headers: reading and writing struct fields (compiled against the
 * installed headers, so offsets can never drift), reporting the header versions and constant
 * values (a test compares them with the C# declarations and the loaded libraries), and a plain-C
 * interrupt callback so blocking network I/O obeys deadlines and cancellation.
 */
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/time.h>
#include <libavutil/channel_layout.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>
#include <string.h>
#include <stdlib.h>

#define API __attribute__((visibility("default")))
#define GET(T, name, expr, R) API R veil_##name(const T *o) { return (R)(expr); }
#define SET(T, name, field, V) API void veil_set_##name(T *o, V v) { o->field = v; }

/* ---- versions and constants (checked by a test against the C# side) ---- */
API unsigned veil_header_version(int lib)
{
    switch (lib) {
    case 0: return LIBAVFORMAT_VERSION_INT;
    case 1: return LIBAVCODEC_VERSION_INT;
    case 2: return LIBAVUTIL_VERSION_INT;
    case 3: return LIBSWSCALE_VERSION_INT;
    case 4: return LIBSWRESAMPLE_VERSION_INT;
    default: return 0;
    }
}

struct named { const char *name; long long value; };
static const struct named constants[] = {
    { "AVMEDIA_TYPE_VIDEO", AVMEDIA_TYPE_VIDEO }, { "AVMEDIA_TYPE_AUDIO", AVMEDIA_TYPE_AUDIO },
    { "AV_PIX_FMT_YUV420P", AV_PIX_FMT_YUV420P }, { "AV_PIX_FMT_YUVJ420P", AV_PIX_FMT_YUVJ420P },
    { "AV_PIX_FMT_NV12", AV_PIX_FMT_NV12 },
    { "AV_SAMPLE_FMT_FLTP", AV_SAMPLE_FMT_FLTP },
    { "AV_CODEC_ID_H264", AV_CODEC_ID_H264 }, { "AV_CODEC_ID_AAC", AV_CODEC_ID_AAC },
    { "AV_CODEC_ID_MP3", AV_CODEC_ID_MP3 },
    { "AV_CODEC_ID_NONE", AV_CODEC_ID_NONE },
    { "AVERROR_EOF", AVERROR_EOF }, { "AVERROR_EAGAIN", AVERROR(EAGAIN) },
    { "AVERROR_INVALIDDATA", AVERROR_INVALIDDATA }, { "AVERROR_EXIT", AVERROR_EXIT },
    { "AVERROR_INPUT_CHANGED", AVERROR_INPUT_CHANGED },
    { "AV_NOPTS_VALUE", AV_NOPTS_VALUE }, { "AV_TIME_BASE", AV_TIME_BASE },
    { "AV_PKT_FLAG_KEY", AV_PKT_FLAG_KEY }, { "AV_PKT_DATA_DISPLAYMATRIX", AV_PKT_DATA_DISPLAYMATRIX },
    { "AVSEEK_FLAG_BACKWARD", AVSEEK_FLAG_BACKWARD }, { "AV_CODEC_FLAG_GLOBAL_HEADER", AV_CODEC_FLAG_GLOBAL_HEADER },
    { "AVFMT_NOFILE", AVFMT_NOFILE }, { "AVFMT_GLOBALHEADER", AVFMT_GLOBALHEADER },
    { "AVIO_FLAG_WRITE", AVIO_FLAG_WRITE }, { "SWS_BILINEAR", SWS_BILINEAR },
    { "FF_COMPLIANCE_NORMAL", FF_COMPLIANCE_NORMAL }, { "AV_PICTURE_TYPE_NONE", AV_PICTURE_TYPE_NONE },
    { "AV_LOG_ERROR", AV_LOG_ERROR }, { "AV_LOG_QUIET", AV_LOG_QUIET }, { "AV_LOG_WARNING", AV_LOG_WARNING },
    { "FF_THREAD_FRAME", FF_THREAD_FRAME }, { "FF_THREAD_SLICE", FF_THREAD_SLICE },
    { "sizeof(AVRational)", sizeof(AVRational) },
};

/* Returns 1 and the value when the header defines the name, 0 otherwise. */
API int veil_constant(const char *name, long long *value)
{
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (strcmp(constants[i].name, name) == 0) { *value = constants[i].value; return 1; }
    return 0;
}

/* ---- AVFormatContext ---- */
GET(AVFormatContext, fmt_nb_streams, o->nb_streams, int)
GET(AVFormatContext, fmt_duration, o->duration, long long)
GET(AVFormatContext, fmt_start_time, o->start_time, long long)
API AVStream *veil_fmt_stream(const AVFormatContext *o, int i) { return o->streams[i]; }
API const char *veil_fmt_iformat_name(const AVFormatContext *o) { return o->iformat ? o->iformat->name : ""; }
API const AVOutputFormat *veil_fmt_oformat(const AVFormatContext *o) { return o->oformat; }
API AVIOContext **veil_fmt_pb_ref(AVFormatContext *o) { return &o->pb; }
GET(AVOutputFormat, ofmt_flags, o->flags, int)
GET(AVOutputFormat, ofmt_name, o->name, const char *)

/* ---- AVStream / AVCodecParameters ---- */
GET(AVStream, stream_codecpar, o->codecpar, AVCodecParameters *)
GET(AVStream, stream_time_base, o->time_base, AVRational)
GET(AVStream, stream_avg_frame_rate, o->avg_frame_rate, AVRational)
GET(AVStream, stream_start_time, o->start_time, long long)
GET(AVStream, stream_duration, o->duration, long long)
GET(AVStream, stream_nb_frames, o->nb_frames, long long)
GET(AVStream, stream_index, o->index, int)
SET(AVStream, stream_time_base, time_base, AVRational)
SET(AVStream, stream_avg_frame_rate, avg_frame_rate, AVRational)
GET(AVCodecParameters, par_codec_type, o->codec_type, int)
GET(AVCodecParameters, par_codec_id, o->codec_id, int)
GET(AVCodecParameters, par_width, o->width, int)
GET(AVCodecParameters, par_height, o->height, int)
GET(AVCodecParameters, par_format, o->format, int)
GET(AVCodecParameters, par_sample_rate, o->sample_rate, int)
GET(AVCodecParameters, par_channels, o->ch_layout.nb_channels, int)
SET(AVCodecParameters, par_codec_tag, codec_tag, unsigned)

/* ---- AVCodec / AVCodecContext ---- */
GET(AVCodec, codec_name, o->name, const char *)
GET(AVCodec, codec_first_sample_fmt, o->sample_fmts ? o->sample_fmts[0] : -1, int)
GET(AVCodecContext, ctx_frame_size, o->frame_size, int)
GET(AVCodecContext, ctx_sample_rate, o->sample_rate, int)
GET(AVCodecContext, ctx_sample_fmt, o->sample_fmt, int)
GET(AVCodecContext, ctx_width, o->width, int)
GET(AVCodecContext, ctx_height, o->height, int)
GET(AVCodecContext, ctx_pix_fmt, o->pix_fmt, int)
GET(AVCodecContext, ctx_time_base, o->time_base, AVRational)
API const AVChannelLayout *veil_ctx_ch_layout(const AVCodecContext *o) { return &o->ch_layout; }
SET(AVCodecContext, ctx_width, width, int)
SET(AVCodecContext, ctx_height, height, int)
SET(AVCodecContext, ctx_pix_fmt, pix_fmt, int)
SET(AVCodecContext, ctx_sample_fmt, sample_fmt, int)
SET(AVCodecContext, ctx_sample_rate, sample_rate, int)
SET(AVCodecContext, ctx_time_base, time_base, AVRational)
SET(AVCodecContext, ctx_framerate, framerate, AVRational)
SET(AVCodecContext, ctx_pkt_timebase, pkt_timebase, AVRational)
SET(AVCodecContext, ctx_gop_size, gop_size, int)
SET(AVCodecContext, ctx_max_b_frames, max_b_frames, int)
SET(AVCodecContext, ctx_bit_rate, bit_rate, long long)
SET(AVCodecContext, ctx_thread_count, thread_count, int)
SET(AVCodecContext, ctx_thread_type, thread_type, int)
API void veil_ctx_add_flags(AVCodecContext *o, int flags) { o->flags |= flags; }
/* Borrowed: valid while the context lives (an encoder fills it at open with global headers). */
API const unsigned char *veil_ctx_extradata(const AVCodecContext *o, int *size) { *size = o->extradata_size; return o->extradata; }
API int veil_ctx_set_ch_layout(AVCodecContext *o, const AVChannelLayout *src)
{
    return av_channel_layout_copy(&o->ch_layout, src);
}
API int veil_ctx_set_default_ch_layout(AVCodecContext *o, int channels)
{
    av_channel_layout_uninit(&o->ch_layout);
    av_channel_layout_default(&o->ch_layout, channels);
    return 0;
}

/* ---- AVPacket ---- */
GET(AVPacket, pkt_stream_index, o->stream_index, int)
GET(AVPacket, pkt_pts, o->pts, long long)
GET(AVPacket, pkt_dts, o->dts, long long)
GET(AVPacket, pkt_duration, o->duration, long long)
GET(AVPacket, pkt_flags, o->flags, int)
GET(AVPacket, pkt_size, o->size, int)
GET(AVPacket, pkt_data, o->data, unsigned char *)
GET(AVPacket, pkt_pos, o->pos, long long)
SET(AVPacket, pkt_stream_index, stream_index, int)
SET(AVPacket, pkt_pts, pts, long long)
SET(AVPacket, pkt_dts, dts, long long)
SET(AVPacket, pkt_duration, duration, long long)

/* ---- AVFrame ---- */
API unsigned char *veil_frame_data(const AVFrame *o, int plane) { return o->data[plane]; }
API int veil_frame_linesize(const AVFrame *o, int plane) { return o->linesize[plane]; }
API unsigned char **veil_frame_data_array(AVFrame *o) { return o->data; }
API int *veil_frame_linesize_array(AVFrame *o) { return o->linesize; }
GET(AVFrame, frame_width, o->width, int)
GET(AVFrame, frame_height, o->height, int)
GET(AVFrame, frame_format, o->format, int)
GET(AVFrame, frame_pts, o->pts, long long)
GET(AVFrame, frame_best_effort_timestamp, o->best_effort_timestamp, long long)
GET(AVFrame, frame_nb_samples, o->nb_samples, int)
GET(AVFrame, frame_sample_rate, o->sample_rate, int)
SET(AVFrame, frame_width, width, int)
SET(AVFrame, frame_height, height, int)
SET(AVFrame, frame_format, format, int)
SET(AVFrame, frame_pts, pts, long long)
SET(AVFrame, frame_nb_samples, nb_samples, int)
SET(AVFrame, frame_sample_rate, sample_rate, int)
SET(AVFrame, frame_pict_type, pict_type, int)
API int veil_frame_set_ch_layout(AVFrame *o, const AVChannelLayout *src)
{
    return av_channel_layout_copy(&o->ch_layout, src);
}

/* ---- interrupt: deadlines and cancellation for blocking I/O ---- */
typedef struct {
    AVIOInterruptCB cb;
    volatile long long deadline_us; /* av_gettime_relative() value, 0 = none */
    volatile int cancelled;
} veil_interrupt;

static int veil_interrupt_check(void *opaque)
{
    veil_interrupt *s = opaque;
    if (s->cancelled) return 1;
    return s->deadline_us != 0 && av_gettime_relative() > s->deadline_us;
}

API veil_interrupt *veil_interrupt_new(void)
{
    veil_interrupt *s = av_mallocz(sizeof *s);
    if (s) { s->cb.callback = veil_interrupt_check; s->cb.opaque = s; }
    return s;
}
API void veil_interrupt_free(veil_interrupt *s) { av_free(s); }
API const AVIOInterruptCB *veil_interrupt_cb(veil_interrupt *s) { return &s->cb; }
/* Arms a deadline timeout_us from now; 0 disarms it. */
API void veil_interrupt_arm(veil_interrupt *s, long long timeout_us)
{
    s->deadline_us = timeout_us > 0 ? av_gettime_relative() + timeout_us : 0;
}
API void veil_interrupt_cancel(veil_interrupt *s) { s->cancelled = 1; }
API int veil_interrupt_timed_out(veil_interrupt *s)
{
    return !s->cancelled && s->deadline_us != 0 && av_gettime_relative() > s->deadline_us;
}
API void veil_fmt_set_interrupt(AVFormatContext *o, veil_interrupt *s) { o->interrupt_callback = s->cb; }

/* Decoders of raw PCM report "unspecified" channel order; swresample turns that into the default
 * layout internally and then sees every frame as changed. Give such frames the default layout. */
API void veil_frame_default_unspec_layout(AVFrame *o)
{
    if (o->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) {
        int n = o->ch_layout.nb_channels;
        av_channel_layout_uninit(&o->ch_layout);
        av_channel_layout_default(&o->ch_layout, n);
    }
}

/* ---- custom input: bytes handed over by Veil (an RTMP publisher's stream, as FLV) ---- */
typedef int (*veil_read_fn)(void *opaque, uint8_t *buf, int size);

/* Gives ctx (before avformat_open_input) an AVIOContext that reads through read(opaque, ...);
 * returns it, or NULL when out of memory. avformat_close_input leaves it: free with veil_avio_free. */
API AVIOContext *veil_fmt_set_reader(AVFormatContext *ctx, veil_read_fn read, void *opaque)
{
    const int size = 32768;
    unsigned char *buffer = av_malloc(size);
    if (!buffer) return NULL;
    AVIOContext *pb = avio_alloc_context(buffer, size, 0, opaque, read, NULL, NULL);
    if (!pb) { av_free(buffer); return NULL; }
    ctx->pb = pb;
    return pb;
}

API void veil_avio_free(AVIOContext *pb)
{
    if (!pb) return;
    av_freep(&pb->buffer);
    avio_context_free(&pb);
}
