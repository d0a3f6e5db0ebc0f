namespace Veil.Media.Interop;

/// <summary>The sonames Veil binds: Debian 12's FFmpeg 5.1, and Veil's own shim.</summary>
internal static class Libs
{
    public const string Avformat = "libavformat.so.59";
    public const string Avcodec = "libavcodec.so.59";
    public const string Avutil = "libavutil.so.57";
    public const string Swscale = "libswscale.so.6";
    public const string Swresample = "libswresample.so.4";
    public const string Shim = "veil_av";
}
