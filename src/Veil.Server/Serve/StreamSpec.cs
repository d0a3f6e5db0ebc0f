using System.Text.RegularExpressions;

namespace Veil.Server.Serve;

/// <summary>
/// One stream the server runs: where its video comes from (pulled from any URL FFmpeg opens or a
/// file, looped for testing; or pushed by an RTMP publisher with the stream's key) and the RTMP
/// destinations (or files) its anonymized video goes to.
/// </summary>
public sealed partial record StreamSpec
{
    // A JSON null (POST /api/streams, a config file) reads as empty, which Problems() names, instead of a null it would trip on.
    public string Name { get; init => field = value ?? ""; } = "";
    public string Source { get; init => field = value ?? ""; } = "";

    /// <summary>The RTMP stream key a publisher must give (OBS's "Stream Key"); set instead of a source.</summary>
    public string? Key { get; init; }

    public bool IsPush => !string.IsNullOrEmpty(Key);
    public IReadOnlyList<string> Destinations { get; init => field = value ?? []; } = [];

    /// <summary>Start a file source again when it ends (a camera that never stops, for tests and demos).</summary>
    public bool Loop { get; init; }

    /// <summary>This stream's camera file (masks, and zones and calibration for the violation rules); replaces the server's --camera and --mask.</summary>
    public string? Camera { get; init; }

    /// <summary>This stream's privacy policy, field by field over the server's Veil:Redaction.</summary>
    public Policy.RedactionPolicy? Redaction { get; init; }

    /// <summary>What is wrong with the spec, one reason per entry; empty when it can run.</summary>
    public IEnumerable<string> Problems()
    {
        if (!NamePattern().IsMatch(Name)) yield return $"stream name '{Name}' must be 1-64 letters, digits, '-' or '_'";
        if (IsPush && !string.IsNullOrWhiteSpace(Source)) yield return $"stream '{Name}': give a source to pull or a key to be pushed to, not both";
        else if (IsPush && !KeyPattern().IsMatch(Key!)) yield return $"stream '{Name}': the key must be 8-128 letters, digits, '-' or '_'";
        else if (!IsPush && string.IsNullOrWhiteSpace(Source)) yield return $"stream '{Name}': no source (a URL FFmpeg opens, or a file) and no key (for an RTMP publisher)";
        else if (!IsPush && !Source.Contains("://") && !File.Exists(Source)) yield return $"stream '{Name}': source file '{Source}' does not exist";
        if (Camera is not null && !File.Exists(Camera)) yield return $"stream '{Name}': camera file '{Camera}' does not exist";
        if (Destinations.Count == 0) yield return $"stream '{Name}': no destination (an rtmp:// URL or a file)";
        foreach (var d in Destinations)
            if (string.IsNullOrWhiteSpace(d)) yield return $"stream '{Name}': an empty destination";
            else if (d.Contains("://") && !d.StartsWith("rtmp://", StringComparison.OrdinalIgnoreCase) && !d.StartsWith("rtmps://", StringComparison.OrdinalIgnoreCase))
                yield return $"stream '{Name}': destination '{d}' is not rtmp:// or rtmps:// (or a file)";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{8,128}$")]
    private static partial Regex KeyPattern();
}
