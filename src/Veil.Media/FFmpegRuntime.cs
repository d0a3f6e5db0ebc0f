using Veil.Media.Interop;

namespace Veil.Media;

/// <summary>
/// One-time FFmpeg set-up: checks that the loaded libraries are the ABI these bindings were
/// written for (a clear error at start instead of a crash mid-stream), inits networking, and keeps
/// FFmpeg's own logging to errors so progress output stays readable.
/// </summary>
public static class FFmpegRuntime
{
    private static readonly Lazy<string> Init = new(Initialize);

    /// <summary>Call before any other FFmpeg use; cheap after the first call. Returns a version summary.</summary>
    public static string EnsureInitialized() => Init.Value;

    public static IReadOnlyList<(string Library, int ExpectedMajor, uint Loaded, uint Header)> Versions() =>
    [
        ("libavformat", AvConst.AvformatMajor, Avformat.avformat_version(), Shim.veil_header_version(0)),
        ("libavcodec", AvConst.AvcodecMajor, Avcodec.avcodec_version(), Shim.veil_header_version(1)),
        ("libavutil", AvConst.AvutilMajor, Avutil.avutil_version(), Shim.veil_header_version(2)),
        ("libswscale", AvConst.SwscaleMajor, Swscale.swscale_version(), Shim.veil_header_version(3)),
        ("libswresample", AvConst.SwresampleMajor, Swresample.swresample_version(), Shim.veil_header_version(4)),
    ];

    public static string FormatVersion(uint v) => $"{v >> 16}.{(v >> 8) & 0xff}.{v & 0xff}";

    private static string Initialize()
    {
        IReadOnlyList<(string Library, int ExpectedMajor, uint Loaded, uint Header)> versions;
        try
        {
            versions = Versions();
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException(
                $"FFmpeg 5.1 libraries or Veil's shim not found ({e.Message}); run scripts/setup.sh", e);
        }
        foreach (var (lib, major, loaded, header) in versions)
        {
            if (loaded >> 16 != major || header >> 16 != major)
                throw new InvalidOperationException(
                    $"{lib}: bindings expect major {major}, loaded {FormatVersion(loaded)}, headers {FormatVersion(header)}");
        }
        Avutil.av_log_set_level(AvConst.AV_LOG_QUIET);
        Avformat.avformat_network_init();
        return string.Join(", ", versions.Select(v => $"{v.Library} {FormatVersion(v.Loaded)}"));
    }

    /// <summary>Lets FFmpeg print its own warnings to stderr (for --verbose).</summary>
    public static void SetNativeLogLevel(bool verbose)
        => Avutil.av_log_set_level(verbose ? AvConst.AV_LOG_WARNING : AvConst.AV_LOG_QUIET);
}
