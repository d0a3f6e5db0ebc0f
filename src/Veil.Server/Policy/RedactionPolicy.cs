namespace Veil.Server.Policy;

/// <summary>
/// A stream's privacy policy as written: section Veil:Redaction (every stream), Veil:Streams[i]:Redaction
/// (one stream), the command line, or a PATCH of /api/streams/{name}/policy. Every field is optional:
/// an unset one comes from the layer under it (<see cref="Over"/>), down to <see cref="Defaults"/>.
/// </summary>
public sealed record RedactionPolicy
{
    /// <summary>What is found and redacted: face, plate, person; empty for static masks only.</summary>
    public List<string>? Classes { get; init; }

    /// <summary>The style of every class without one of its own: mosaic, blur, pixelate or fill.</summary>
    public string? Style { get; init; }

    /// <summary>A style per class ({"plate": "fill"}); merged key by key over the layer under it.</summary>
    public Dictionary<string, string>? ClassStyles { get; init; }

    /// <summary>How often each model runs: live, fast, every-frame, or five numbers (see --cadence).</summary>
    public string? Cadence { get; init; }

    /// <summary>How long frames are held so a later confident detection reaches back over them.</summary>
    public int? LookAheadMs { get; init; }

    /// <summary>The longest a frame waits for detection before it is obscured (or dropped).</summary>
    public int? DetectorTimeoutMs { get; init; }

    /// <summary>A frame detection failed on is sent filled ("fill") or not at all ("drop").</summary>
    public string? OnDetectorFailure { get; init; }

    /// <summary>Today's defaults, as `veil anonymize` runs without options.</summary>
    public static RedactionPolicy Defaults { get; } = new()
    {
        Classes = ["face", "plate"],
        Style = "mosaic",
        ClassStyles = [],
        Cadence = "live",
        LookAheadMs = 200,
        DetectorTimeoutMs = 1000,
        OnDetectorFailure = "fill",
    };

    /// <summary>This policy's fields where set, the others from <paramref name="under"/>.</summary>
    public RedactionPolicy Over(RedactionPolicy? under)
    {
        if (under is null) return this;
        var styles = under.ClassStyles is null && ClassStyles is null ? null : new Dictionary<string, string>(under.ClassStyles ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var (c, style) in ClassStyles ?? []) styles![c] = style;
        return new RedactionPolicy
        {
            Classes = Classes ?? under.Classes,
            Style = Style ?? under.Style,
            ClassStyles = styles,
            Cadence = Cadence ?? under.Cadence,
            LookAheadMs = LookAheadMs ?? under.LookAheadMs,
            DetectorTimeoutMs = DetectorTimeoutMs ?? under.DetectorTimeoutMs,
            OnDetectorFailure = OnDetectorFailure ?? under.OnDetectorFailure,
        };
    }
}
