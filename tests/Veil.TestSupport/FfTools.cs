using System.Globalization;

namespace Veil.TestSupport;

/// <summary>Runs Debian's <c>ffmpeg</c> and <c>ffprobe</c> as child processes, with timeouts.</summary>
public static class FfTools
{
    public static string FfmpegPath { get; set; } = "ffmpeg";
    public static string FfprobePath { get; set; } = "ffprobe";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs ffmpeg with <c>-hide_banner -nostdin</c> prepended; does not throw on a non-zero exit.</summary>
    public static Task<ProcessResult> RunFfmpegAsync(
        IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ChildProcess.RunAsync(FfmpegPath, new[] { "-hide_banner", "-nostdin" }.Concat(arguments), timeout ?? DefaultTimeout, cancellationToken);

    /// <summary>Runs ffprobe with <c>-hide_banner</c> prepended; does not throw on a non-zero exit.</summary>
    public static Task<ProcessResult> RunFfprobeAsync(
        IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ChildProcess.RunAsync(FfprobePath, new[] { "-hide_banner" }.Concat(arguments), timeout ?? DefaultTimeout, cancellationToken);

    /// <summary>
    /// Probes a file or URL, decoding every frame to count it (<c>nb_read_frames</c>).
    /// Throws with ffprobe's stderr when it fails.
    /// </summary>
    public static async Task<ProbeResult> ProbeAsync(
        string pathOrUrl, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var result = await RunFfprobeAsync(
            ["-v", "error", "-show_streams", "-show_format", "-count_frames", "-of", "json", pathOrUrl],
            timeout, cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        return ProbeResult.Parse(result.StdOut);
    }

    /// <summary>Probes a live URL's streams from its headers and first packets (no frame count: it never ends).</summary>
    public static async Task<ProbeResult> ProbeLiveAsync(string url, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        // A live stream's packets come as the machine makes them: on a loaded test machine a stream can
        // go quiet for seconds, past ffprobe's default 5 s of analysis, and show its audio only.
        var result = await RunFfprobeAsync(["-v", "error", "-analyzeduration", "15000000", "-probesize", "20000000",
            "-show_streams", "-show_format", "-of", "json", url], timeout, cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        return ProbeResult.Parse(result.StdOut);
    }

    /// <summary>
    /// Writes a synthetic clip: lavfi <c>testsrc2</c> as H.264 (yuv420p, a keyframe every second),
    /// plus a 440 Hz sine as AAC when <paramref name="withAudio"/>. The container follows the extension.
    /// </summary>
    public static async Task GenerateClipAsync(
        string path, int width, int height, int fps, double seconds, bool withAudio,
        CancellationToken cancellationToken = default)
    {
        var duration = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={fps}:duration={duration}",
        };
        if (withAudio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={duration}"]);
        }

        args.AddRange(["-map", "0:v"]);
        if (withAudio)
        {
            args.AddRange(["-map", "1:a", "-c:a", "aac", "-b:a", "128k"]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", fps.ToString(CultureInfo.InvariantCulture)]);
        if (path.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mov", StringComparison.OrdinalIgnoreCase))
        {
            args.AddRange(["-movflags", "+faststart"]);
        }

        args.Add(path);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var timeout = TimeSpan.FromSeconds(Math.Max(60, seconds * 10));
        (await RunFfmpegAsync(args, timeout, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }
}
