using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Veil.Ingest.Srt.Native;

/// <summary>
/// libsrt's own errors (a caller whose encryption does not match, a broken handshake) go to Veil's
/// log instead of raw lines on stderr; its warnings, which repeat what Veil logs about each refusal,
/// are off. The handler is process-wide: FFmpeg's srt:// inputs in the same process log here too.
/// </summary>
internal static unsafe class SrtLog
{
    private const int LogErr = 3; // syslog's LOG_ERR: errors and worse
    private static ILogger? s_log;

    public static void RouteTo(ILogger log)
    {
        s_log = log;
        SrtApi.srt_setloglevel(LogErr);
        SrtApi.srt_setloghandler(0, &Handle);
    }

    [UnmanagedCallersOnly]
    private static void Handle(nint opaque, int level, byte* file, int line, byte* area, byte* message)
    {
        try { if (s_log is { } log) SrtIngestLog.Libsrt(log, (Marshal.PtrToStringUTF8((nint)message) ?? "").TrimEnd()); }
        catch (Exception) { } // nothing may unwind into libsrt's threads
    }
}
