using System.Globalization;
using System.Text.Json;

namespace Veil.TestSupport;

/// <summary>The parts of <c>ffprobe -show_streams -show_format -count_frames -of json</c> that tests assert on.</summary>
public sealed record ProbeResult(IReadOnlyList<ProbeStream> Streams, string? FormatName, double? FormatDuration, string RawJson)
{
    public IEnumerable<ProbeStream> VideoStreams => Streams.Where(s => s.IsVideo);
    public IEnumerable<ProbeStream> AudioStreams => Streams.Where(s => s.IsAudio);

    /// <summary>The first video stream; throws when there is none.</summary>
    public ProbeStream Video => VideoStreams.FirstOrDefault()
        ?? throw new InvalidOperationException("ffprobe found no video stream");

    /// <summary>The first audio stream, or null.</summary>
    public ProbeStream? Audio => AudioStreams.FirstOrDefault();

    public static ProbeResult Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var streams = new List<ProbeStream>();
        if (root.TryGetProperty("streams", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in array.EnumerateArray())
            {
                streams.Add(new ProbeStream(
                    Index: (int)(Long(s, "index") ?? streams.Count),
                    CodecType: Str(s, "codec_type") ?? "unknown",
                    CodecName: Str(s, "codec_name"),
                    PixelFormat: Str(s, "pix_fmt"),
                    Width: (int?)Long(s, "width"),
                    Height: (int?)Long(s, "height"),
                    NbReadFrames: Long(s, "nb_read_frames"),
                    NbFrames: Long(s, "nb_frames"),
                    Duration: Double(s, "duration"),
                    StartTime: Double(s, "start_time"),
                    RFrameRate: Str(s, "r_frame_rate"),
                    AvgFrameRate: Str(s, "avg_frame_rate"),
                    SampleRate: (int?)Long(s, "sample_rate"),
                    Channels: (int?)Long(s, "channels")));
            }
        }

        string? formatName = null;
        double? formatDuration = null;
        if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object)
        {
            formatName = Str(format, "format_name");
            formatDuration = Double(format, "duration");
        }

        return new ProbeResult(streams, formatName, formatDuration, json);
    }

    // ffprobe writes most numbers as strings ("10.000000", "300") and some as numbers (width).
    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static long? Long(JsonElement e, string name) =>
        Str(e, name) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double? Double(JsonElement e, string name) =>
        Str(e, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
