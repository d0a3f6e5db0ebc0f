namespace Veil.Violations.Outbox;

/// <summary>
/// Where and how <see cref="OutboxDeliverer"/> sends events: <c>POST {SidecarBaseUrl}/api/events</c>
/// with <c>Authorization: Bearer {IngestToken}</c>.
/// </summary>
public sealed record OutboxDeliveryOptions(Uri SidecarBaseUrl, string IngestToken)
{
    /// <summary>The first pause after a failed attempt; it doubles with each further failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(0.5);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one POST (event and media) may take before it counts as failed and is retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Entries read from the outbox at a time (their media is held in memory while they are sent).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Longest wait on an empty outbox before looking again; an enqueue wakes the deliverer sooner.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(1);

    internal Uri EventsEndpoint => new(SidecarBaseUrl.AbsoluteUri.TrimEnd('/') + "/api/events");

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(SidecarBaseUrl);
        if (!SidecarBaseUrl.IsAbsoluteUri || SidecarBaseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"the sidecar URL \"{SidecarBaseUrl}\" must be an absolute http or https URL", nameof(SidecarBaseUrl));
        if (string.IsNullOrWhiteSpace(IngestToken) || IngestToken.Any(char.IsWhiteSpace))
            throw new ArgumentException("the sidecar ingest token must be set and contain no spaces", nameof(IngestToken));
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
            throw new ArgumentException($"backoff must satisfy 0 < initial ({InitialBackoff}) <= max ({MaxBackoff})", nameof(InitialBackoff));
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException($"request timeout {RequestTimeout} must be positive", nameof(RequestTimeout));
        if (BatchSize is < 1 or > 1000) throw new ArgumentException($"batch size {BatchSize} must be between 1 and 1000", nameof(BatchSize));
        if (IdlePoll <= TimeSpan.Zero) throw new ArgumentException($"idle poll {IdlePoll} must be positive", nameof(IdlePoll));
    }
}
