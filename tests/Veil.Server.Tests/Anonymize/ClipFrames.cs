using System.Globalization;
using OpenCvSharp;
using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>Frames of a clip as ffmpeg decodes them, for tests that judge an output by its pixels.</summary>
internal static class ClipFrames
{
    /// <summary>Frames 0, <paramref name="every"/>, 2 × <paramref name="every"/>, ... (BGR), written as PNGs to <paramref name="folder"/> on the way.</summary>
    public static async Task<List<Mat>> SampleAsync(string video, string folder, int every)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        (await FfTools.RunFfmpegAsync(["-v", "error", "-i", video, "-vf", $"select=not(mod(n\\,{every}))", "-fps_mode", "passthrough",
            Path.Combine(folder, "%03d.png")])).EnsureSuccess();
        return Directory.GetFiles(folder, "*.png").Order().Select(f => Cv2.ImRead(f)).ToList();
    }

    /// <summary>"min / median / max" of per-frame figures, for logs and failure messages.</summary>
    public static string MinMedianMax(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[0]:0.00} / {sorted[sorted.Count / 2]:0.00} / {sorted[^1]:0.00}");
    }
}
