namespace Veil.Server.Serve.Hls;

/// <summary>Section "Veil:Hls": each stream's anonymized output as HLS (fMP4 segments) at /hls/STREAM/index.m3u8.</summary>
public sealed record HlsSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>Where the playlists and segments are written, a folder per stream; empty: a folder of its own under the temp folder, removed at stop.</summary>
    public string Directory { get; init; } = "";

    /// <summary>The length segments aim at. Cuts fall on the encoder's keyframes (every 2 s), so a shorter setting still gives 2 s segments.</summary>
    public double SegmentSeconds { get; init; } = 2;

    /// <summary>Segments listed in the live playlist; older ones are deleted.</summary>
    public int ListSize { get; init; } = 6;

    public IEnumerable<string> Problems()
    {
        if (SegmentSeconds is < 0.5 or > 60) yield return $"Veil:Hls:SegmentSeconds {SegmentSeconds} must be between 0.5 and 60";
        if (ListSize is < 2 or > 1000) yield return $"Veil:Hls:ListSize {ListSize} must be between 2 and 1000";
    }
}
