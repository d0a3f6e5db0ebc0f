using System.Runtime.InteropServices;

namespace Veil.Media.Interop;

/// <summary>libavformat functions (FFmpeg 5.1). Pointers are opaque; fields go through <see cref="Shim"/>.</summary>
internal static unsafe partial class Avformat
{
    [LibraryImport(Libs.Avformat)] public static partial uint avformat_version();
    [LibraryImport(Libs.Avformat)] public static partial nint avformat_alloc_context();
    [LibraryImport(Libs.Avformat, StringMarshalling = StringMarshalling.Utf8)] public static partial nint av_find_input_format(string shortName);
    [LibraryImport(Libs.Avformat, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avformat_open_input(nint* ps, string url, nint fmt, nint* options);
    [LibraryImport(Libs.Avformat)] public static partial int avformat_find_stream_info(nint ic, nint* options);
    [LibraryImport(Libs.Avformat)] public static partial void avformat_close_input(nint* s);
    [LibraryImport(Libs.Avformat)] public static partial int av_read_frame(nint s, nint pkt);
    [LibraryImport(Libs.Avformat)] public static partial int av_seek_frame(nint s, int stream_index, long timestamp, int flags);
    [LibraryImport(Libs.Avformat)] public static partial int avformat_network_init();

    [LibraryImport(Libs.Avformat, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avformat_alloc_output_context2(nint* ctx, nint oformat, string? formatName, string? filename);
    [LibraryImport(Libs.Avformat, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint av_guess_format(string? shortName, string? filename, string? mimeType);
    [LibraryImport(Libs.Avformat)] public static partial void avformat_free_context(nint s);
    [LibraryImport(Libs.Avformat)] public static partial nint avformat_new_stream(nint s, nint codec);
    [LibraryImport(Libs.Avformat)] public static partial int avformat_write_header(nint s, nint* options);
    [LibraryImport(Libs.Avformat)] public static partial int av_interleaved_write_frame(nint s, nint pkt);
    [LibraryImport(Libs.Avformat)] public static partial int av_write_trailer(nint s);
    [LibraryImport(Libs.Avformat)] public static partial int avformat_query_codec(nint ofmt, int codecId, int stdCompliance);
    [LibraryImport(Libs.Avformat)] public static partial AvRational av_guess_frame_rate(nint ctx, nint stream, nint frame);

    /// <summary>A stream's side data of one type, borrowed from the stream (FFmpeg 5.1; later versions move it to codecpar).</summary>
    [LibraryImport(Libs.Avformat)] public static partial byte* av_stream_get_side_data(nint stream, int type, nuint* size);

    [LibraryImport(Libs.Avformat, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avio_open2(nint* s, string url, int flags, nint interruptCb, nint* options);
    [LibraryImport(Libs.Avformat)] public static partial int avio_closep(nint* s);
}
