using System.Runtime.InteropServices;

namespace Veil.Media.Interop;

/// <summary>libavcodec functions (FFmpeg 5.1).</summary>
internal static unsafe partial class Avcodec
{
    [LibraryImport(Libs.Avcodec)] public static partial uint avcodec_version();
    [LibraryImport(Libs.Avcodec)] public static partial nint avcodec_find_decoder(int id);
    [LibraryImport(Libs.Avcodec)] public static partial nint avcodec_find_encoder(int id);
    [LibraryImport(Libs.Avcodec, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint avcodec_find_encoder_by_name(string name);
    [LibraryImport(Libs.Avcodec)] public static partial nint avcodec_get_name(int id);
    [LibraryImport(Libs.Avcodec)] public static partial nint avcodec_alloc_context3(nint codec);
    [LibraryImport(Libs.Avcodec)] public static partial void avcodec_free_context(nint* ctx);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_parameters_to_context(nint ctx, nint par);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_parameters_from_context(nint par, nint ctx);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_parameters_copy(nint dst, nint src);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_open2(nint ctx, nint codec, nint* options);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_send_packet(nint ctx, nint pkt);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_receive_frame(nint ctx, nint frame);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_send_frame(nint ctx, nint frame);
    [LibraryImport(Libs.Avcodec)] public static partial int avcodec_receive_packet(nint ctx, nint pkt);

    [LibraryImport(Libs.Avcodec)] public static partial nint av_packet_alloc();
    [LibraryImport(Libs.Avcodec)] public static partial void av_packet_free(nint* pkt);
    [LibraryImport(Libs.Avcodec)] public static partial void av_packet_unref(nint pkt);
    [LibraryImport(Libs.Avcodec)] public static partial int av_packet_ref(nint dst, nint src);
    [LibraryImport(Libs.Avcodec)] public static partial void av_packet_move_ref(nint dst, nint src);
    [LibraryImport(Libs.Avcodec)] public static partial void av_packet_rescale_ts(nint pkt, AvRational src, AvRational dst);
}
