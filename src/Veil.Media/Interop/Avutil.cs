using System.Runtime.InteropServices;

namespace Veil.Media.Interop;

/// <summary>libavutil functions (FFmpeg 5.1).</summary>
internal static unsafe partial class Avutil
{
    [LibraryImport(Libs.Avutil)] public static partial uint avutil_version();
    [LibraryImport(Libs.Avutil)] public static partial int av_strerror(int errnum, byte* buf, nuint size);
    [LibraryImport(Libs.Avutil)] public static partial void av_log_set_level(int level);
    [LibraryImport(Libs.Avutil)] public static partial nint av_frame_alloc();
    [LibraryImport(Libs.Avutil)] public static partial void av_frame_free(nint* frame);
    [LibraryImport(Libs.Avutil)] public static partial void av_frame_unref(nint frame);
    [LibraryImport(Libs.Avutil)] public static partial int av_frame_get_buffer(nint frame, int align);
    [LibraryImport(Libs.Avutil)] public static partial int av_frame_is_writable(nint frame);
    [LibraryImport(Libs.Avutil)] public static partial int av_frame_copy(nint dst, nint src);
    [LibraryImport(Libs.Avutil)] public static partial long av_rescale_q(long a, AvRational bq, AvRational cq);
    [LibraryImport(Libs.Avutil)] public static partial double av_display_rotation_get(int* matrix);

    [LibraryImport(Libs.Avutil, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_dict_set(nint* pm, string key, string? value, int flags);
    [LibraryImport(Libs.Avutil)] public static partial void av_dict_free(nint* m);
    [LibraryImport(Libs.Avutil)] public static partial int av_dict_count(nint m);
    [LibraryImport(Libs.Avutil, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint av_dict_get(nint m, string key, nint prev, int flags);

    [LibraryImport(Libs.Avutil)] public static partial nint av_audio_fifo_alloc(int sampleFmt, int channels, int nbSamples);
    [LibraryImport(Libs.Avutil)] public static partial void av_audio_fifo_free(nint fifo);
    [LibraryImport(Libs.Avutil)] public static partial int av_audio_fifo_write(nint fifo, nint* data, int nbSamples);
    [LibraryImport(Libs.Avutil)] public static partial int av_audio_fifo_read(nint fifo, nint* data, int nbSamples);
    [LibraryImport(Libs.Avutil)] public static partial int av_audio_fifo_size(nint fifo);
}
