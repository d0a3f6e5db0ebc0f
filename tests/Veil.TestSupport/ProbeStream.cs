using System.Globalization;

namespace Veil.TestSupport;

/// <summary>One stream as ffprobe reports it (<c>-show_streams -count_frames</c>).</summary>
public sealed record ProbeStream(
    int Index,
    string CodecType,
    string? CodecName,
    string? PixelFormat,
    int? Width,
    int? Height,
    long? NbReadFrames,
    long? NbFrames,
    double? Duration,
    double? StartTime,
    string? RFrameRate,
    string? AvgFrameRate,
    int? SampleRate,
    int? Channels)
{
    public bool IsVideo => CodecType == "video";
    public bool IsAudio => CodecType == "audio";

    /// <summary><see cref="AvgFrameRate"/> as a number ("30000/1001" → 29.97); null when unknown.</summary>
    public double? AvgFps => ParseRate(AvgFrameRate);

    /// <summary><see cref="RFrameRate"/> as a number; null when unknown.</summary>
    public double? RFps => ParseRate(RFrameRate);

    internal static double? ParseRate(string? rate)
    {
        if (string.IsNullOrEmpty(rate))
        {
            return null;
        }

        var slash = rate.IndexOf('/');
        if (slash < 0)
        {
            return double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        if (double.TryParse(rate.AsSpan(0, slash), NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(rate.AsSpan(slash + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var den)
            && den != 0)
        {
            return num / den;
        }

        return null;
    }
}
