using System.Globalization;

namespace Veil.Server.Tests.Serve.Hls;

/// <summary>The parts of a live HLS media playlist the tests read: its init segment, its segments with their durations, whether it ended.</summary>
internal sealed record LivePlaylist(long MediaSequence, string? Init, IReadOnlyList<(string Uri, double Seconds)> Segments, bool Ended)
{
    public static LivePlaylist Parse(string text)
    {
        long sequence = 0;
        string? init = null;
        double? duration = null;
        var segments = new List<(string, double)>();
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:")) sequence = long.Parse(line["#EXT-X-MEDIA-SEQUENCE:".Length..], CultureInfo.InvariantCulture);
            else if (line.StartsWith("#EXT-X-MAP:URI=\"")) init = line["#EXT-X-MAP:URI=\"".Length..].TrimEnd('"');
            else if (line.StartsWith("#EXTINF:")) duration = double.Parse(line["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture);
            else if (!line.StartsWith('#') && duration is { } d)
            {
                segments.Add((line, d));
                duration = null;
            }
        }
        return new LivePlaylist(sequence, init, segments, text.Contains("#EXT-X-ENDLIST"));
    }
}
