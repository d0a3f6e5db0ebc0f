using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Veil.Media.Codecs;

namespace Veil.Bench.Measuring;

/// <summary>
/// The bare FFmpeg transcode Veil is compared with: the `ffmpeg` CLI decoding the same input and
/// encoding with the same x264 settings to the null muxer, timed by its own -benchmark report.
/// </summary>
internal static partial class FfmpegBaseline
{
    /// <param name="live">Read like a live camera (-re), looping the file, for this long (the multi-stream bench).</param>
    public static IReadOnlyList<string> Arguments(string input, EncoderSettings encoder, double fps, TimeSpan? live = null)
        => ["-hide_banner", "-nostdin", "-benchmark",
            .. live is null ? Array.Empty<string>() : ["-re", "-stream_loop", "-1"],
            "-i", input,
            .. live is { } t ? ["-t", t.TotalSeconds.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
            "-map", "0:v:0", "-map", "0:a:0?", "-c:a", "copy",
            .. encoder.ToFfmpegArgs(fps), "-f", "null", "-"];

    public static async Task<RunMeasure> RunAsync(string input, EncoderSettings encoder, double fps, CancellationToken ct, TimeSpan? live = null)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in Arguments(input, encoder, fps, live)) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start ffmpeg");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        _ = process.StandardOutput.ReadToEndAsync(ct);
        // ffmpeg's own -benchmark maxrss counts the memory it was forked from (this process, with
        // the models loaded): its VmHWM, read while it runs, is its own. The last reading is the peak.
        double peakRss = 0;
        string pid = process.Id.ToString(CultureInfo.InvariantCulture);
        while (!process.HasExited)
        {
            if (ProcessUsage.PeakRssMiB(pid) is { } rss) peakRss = rss;
            try { await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMilliseconds(50), ct); }
            catch (TimeoutException) { }
        }
        await process.WaitForExitAsync(ct);
        string log = await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bare ffmpeg failed (exit {process.ExitCode}): {log.Trim().Split('\n').LastOrDefault()}");

        var times = BenchTimes().Match(log);
        var frames = FrameCount().Matches(log);
        if (!times.Success || frames.Count == 0) throw new InvalidOperationException("ffmpeg printed no -benchmark report");
        double Num(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);
        return new RunMeasure("ffmpeg (bare)", long.Parse(frames[^1].Groups[1].Value),
            Num(times.Groups["r"]), Num(times.Groups["u"]) + Num(times.Groups["s"]), peakRss);
    }

    [GeneratedRegex(@"bench: utime=(?<u>[\d.]+)s stime=(?<s>[\d.]+)s rtime=(?<r>[\d.]+)s")]
    private static partial Regex BenchTimes();

    [GeneratedRegex(@"frame=\s*(\d+)")]
    private static partial Regex FrameCount();
}
