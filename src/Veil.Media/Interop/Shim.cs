using System.Runtime.InteropServices;

namespace Veil.Media.Interop;

/// <summary>
/// Field access through Native/veil_av.c, compiled against the installed headers. Getters return
/// borrowed pointers (owned by the struct they came from); nothing here allocates but the interrupt.
/// </summary>
internal static unsafe partial class Shim
{
    [LibraryImport(Libs.Shim)] public static partial uint veil_header_version(int lib);
    [LibraryImport(Libs.Shim, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int veil_constant(string name, long* value);

    // AVFormatContext / AVOutputFormat
    [LibraryImport(Libs.Shim)] public static partial int veil_fmt_nb_streams(nint fmt);
    [LibraryImport(Libs.Shim)] public static partial long veil_fmt_duration(nint fmt);
    [LibraryImport(Libs.Shim)] public static partial long veil_fmt_start_time(nint fmt);
    [LibraryImport(Libs.Shim)] public static partial nint veil_fmt_stream(nint fmt, int i);
    [LibraryImport(Libs.Shim)] public static partial nint veil_fmt_iformat_name(nint fmt);
    [LibraryImport(Libs.Shim)] public static partial nint veil_fmt_oformat(nint fmt);
    [LibraryImport(Libs.Shim)] public static partial nint* veil_fmt_pb_ref(nint fmt);
    [LibraryImport(Libs.Shim)] public static partial int veil_ofmt_flags(nint ofmt);
    [LibraryImport(Libs.Shim)] public static partial nint veil_ofmt_name(nint ofmt);
    [LibraryImport(Libs.Shim)] public static partial void veil_fmt_set_interrupt(nint fmt, nint interrupt);
    [LibraryImport(Libs.Shim)] public static partial nint veil_fmt_set_reader(nint fmt, delegate* unmanaged[Cdecl]<nint, byte*, int, int> read, nint opaque);
    [LibraryImport(Libs.Shim)] public static partial void veil_avio_free(nint pb);

    // AVStream / AVCodecParameters
    [LibraryImport(Libs.Shim)] public static partial nint veil_stream_codecpar(nint st);
    [LibraryImport(Libs.Shim)] public static partial AvRational veil_stream_time_base(nint st);
    [LibraryImport(Libs.Shim)] public static partial AvRational veil_stream_avg_frame_rate(nint st);
    [LibraryImport(Libs.Shim)] public static partial long veil_stream_start_time(nint st);
    [LibraryImport(Libs.Shim)] public static partial long veil_stream_duration(nint st);
    [LibraryImport(Libs.Shim)] public static partial long veil_stream_nb_frames(nint st);
    [LibraryImport(Libs.Shim)] public static partial int veil_stream_index(nint st);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_stream_time_base(nint st, AvRational v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_stream_avg_frame_rate(nint st, AvRational v);
    [LibraryImport(Libs.Shim)] public static partial int veil_par_codec_type(nint par);
    [LibraryImport(Libs.Shim)] public static partial int veil_par_codec_id(nint par);
    [LibraryImport(Libs.Shim)] public static partial int veil_par_width(nint par);
    [LibraryImport(Libs.Shim)] public static partial int veil_par_height(nint par);
    [LibraryImport(Libs.Shim)] public static partial int veil_par_format(nint par);
    [LibraryImport(Libs.Shim)] public static partial int veil_par_sample_rate(nint par);
    [LibraryImport(Libs.Shim)] public static partial int veil_par_channels(nint par);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_par_codec_tag(nint par, uint v);

    // AVCodec / AVCodecContext
    [LibraryImport(Libs.Shim)] public static partial nint veil_codec_name(nint codec);
    [LibraryImport(Libs.Shim)] public static partial int veil_codec_first_sample_fmt(nint codec);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_frame_size(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_sample_rate(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_sample_fmt(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_width(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_height(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_pix_fmt(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial AvRational veil_ctx_time_base(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial nint veil_ctx_ch_layout(nint ctx);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_width(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_height(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_pix_fmt(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_sample_fmt(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_sample_rate(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_time_base(nint ctx, AvRational v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_framerate(nint ctx, AvRational v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_pkt_timebase(nint ctx, AvRational v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_gop_size(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_max_b_frames(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_bit_rate(nint ctx, long v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_thread_count(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_ctx_thread_type(nint ctx, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_ctx_add_flags(nint ctx, int flags);
    [LibraryImport(Libs.Shim)] public static partial byte* veil_ctx_extradata(nint ctx, out int size);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_set_ch_layout(nint ctx, nint layout);
    [LibraryImport(Libs.Shim)] public static partial int veil_ctx_set_default_ch_layout(nint ctx, int channels);

    // AVPacket
    [LibraryImport(Libs.Shim)] public static partial int veil_pkt_stream_index(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial long veil_pkt_pts(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial long veil_pkt_dts(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial long veil_pkt_duration(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial int veil_pkt_flags(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial int veil_pkt_size(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial byte* veil_pkt_data(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial long veil_pkt_pos(nint pkt);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_pkt_stream_index(nint pkt, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_pkt_pts(nint pkt, long v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_pkt_dts(nint pkt, long v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_pkt_duration(nint pkt, long v);

    // AVFrame
    [LibraryImport(Libs.Shim)] public static partial byte* veil_frame_data(nint frame, int plane);
    [LibraryImport(Libs.Shim)] public static partial int veil_frame_linesize(nint frame, int plane);
    [LibraryImport(Libs.Shim)] public static partial nint* veil_frame_data_array(nint frame);
    [LibraryImport(Libs.Shim)] public static partial int veil_frame_width(nint frame);
    [LibraryImport(Libs.Shim)] public static partial int veil_frame_height(nint frame);
    [LibraryImport(Libs.Shim)] public static partial int veil_frame_format(nint frame);
    [LibraryImport(Libs.Shim)] public static partial long veil_frame_pts(nint frame);
    [LibraryImport(Libs.Shim)] public static partial long veil_frame_best_effort_timestamp(nint frame);
    [LibraryImport(Libs.Shim)] public static partial int veil_frame_nb_samples(nint frame);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_frame_width(nint frame, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_frame_height(nint frame, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_frame_format(nint frame, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_frame_pts(nint frame, long v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_frame_nb_samples(nint frame, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_frame_sample_rate(nint frame, int v);
    [LibraryImport(Libs.Shim)] public static partial void veil_set_frame_pict_type(nint frame, int v);
    [LibraryImport(Libs.Shim)] public static partial int veil_frame_set_ch_layout(nint frame, nint layout);
    [LibraryImport(Libs.Shim)] public static partial void veil_frame_default_unspec_layout(nint frame);

    // Interrupt (deadline + cancel) for blocking I/O
    [LibraryImport(Libs.Shim)] public static partial nint veil_interrupt_new();
    [LibraryImport(Libs.Shim)] public static partial void veil_interrupt_free(nint s);
    [LibraryImport(Libs.Shim)] public static partial nint veil_interrupt_cb(nint s);
    [LibraryImport(Libs.Shim)] public static partial void veil_interrupt_arm(nint s, long timeoutUs);
    [LibraryImport(Libs.Shim)] public static partial void veil_interrupt_cancel(nint s);
    [LibraryImport(Libs.Shim)] public static partial int veil_interrupt_timed_out(nint s);
}
