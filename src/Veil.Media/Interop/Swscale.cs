using System.Runtime.InteropServices;

namespace Veil.Media.Interop;

/// <summary>libswscale and libswresample functions (FFmpeg 5.1).</summary>
internal static unsafe partial class Swscale
{
    [LibraryImport(Libs.Swscale)] public static partial uint swscale_version();
    [LibraryImport(Libs.Swscale)]
    public static partial nint sws_getContext(int srcW, int srcH, int srcFormat, int dstW, int dstH, int dstFormat,
        int flags, nint srcFilter, nint dstFilter, nint param);
    [LibraryImport(Libs.Swscale)] public static partial void sws_freeContext(nint ctx);
    [LibraryImport(Libs.Swscale)] public static partial int sws_scale_frame(nint ctx, nint dst, nint src);
}

internal static unsafe partial class Swresample
{
    [LibraryImport(Libs.Swresample)] public static partial uint swresample_version();
    [LibraryImport(Libs.Swresample)]
    public static partial int swr_alloc_set_opts2(nint* ps, nint outLayout, int outFmt, int outRate,
        nint inLayout, int inFmt, int inRate, int logOffset, nint logCtx);
    [LibraryImport(Libs.Swresample)] public static partial int swr_init(nint s);
    [LibraryImport(Libs.Swresample)] public static partial int swr_config_frame(nint s, nint output, nint input);
    [LibraryImport(Libs.Swresample)] public static partial void swr_free(nint* s);
    [LibraryImport(Libs.Swresample)] public static partial int swr_convert_frame(nint s, nint output, nint input);
    [LibraryImport(Libs.Swresample)] public static partial int swr_get_out_samples(nint s, int inSamples);
    [LibraryImport(Libs.Swresample)]
    public static partial int swr_convert(nint s, nint* output, int outCount, nint* input, int inCount);
}
