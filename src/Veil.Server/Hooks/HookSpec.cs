using Veil.Server.Serve;

namespace Veil.Server.Hooks;

/// <summary>
/// One hook of Veil:Hooks: an HTTP endpoint that gets each event POSTed, signed with
/// <see cref="Secret"/>, or a <see cref="Command"/> started once per event (MediaMTX's runOnReady).
/// </summary>
public sealed record HookSpec
{
    /// <summary>The http(s) URL events are POSTed to (a webhook); or none, for a command hook.</summary>
    public string? Url { get; init; }

    /// <summary>The HMAC-SHA256 key of the Veil-Signature header; at least 16 characters.</summary>
    public string? Secret { get; init; }

    /// <summary>A shell command line (/bin/sh -c) started per event with STREAM, EVENT and EVENT_ID set; never waited for.</summary>
    public string? Command { get; init; }

    /// <summary>The event types this hook gets (<see cref="StreamEventTypes"/>); empty: every type.</summary>
    public List<string> Events { get; init; } = [];

    /// <summary>Events waiting for this hook at most; more are dropped, counted and logged.</summary>
    public int QueueLimit { get; init; } = 1000;

    /// <summary>The longest pause between two attempts of one event (it starts at 1 s and doubles).</summary>
    public double RetryMaxSeconds { get; init; } = 60;

    /// <summary>What the logs call this hook: the URL without credentials or query, or the command.</summary>
    public string Name => Url is not null && Uri.TryCreate(Url, UriKind.Absolute, out var uri)
        ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}"
        : Command ?? "(none)";

    public bool Wants(string type) => Events.Count == 0 || Events.Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every problem of this hook, each naming the setting (<paramref name="where"/>: Veil:Hooks:N).</summary>
    public IEnumerable<string> Problems(string where)
    {
        if ((Url is null) == (Command is null))
            yield return $"{where}: give either Url (a webhook) or Command (a program to start){(Url is null ? "" : ", not both")}";
        if (Url is not null && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return $"{where}:Url '{Url}' is not an http:// or https:// URL";
        if (Url is not null && (Secret?.Length ?? 0) < 16)
            yield return $"{where}:Secret must be at least 16 characters: receivers check each event's signature with it (--hook-secret or VEIL_HOOK_SECRET for --hook)";
        foreach (var type in Events.Where(t => !StreamEventTypes.All.Contains(t, StringComparer.OrdinalIgnoreCase)))
            yield return $"{where}:Events: '{type}' is not an event type (one of {string.Join(", ", StreamEventTypes.All)})";
        if (QueueLimit is < 1 or > 1_000_000) yield return $"{where}:QueueLimit {QueueLimit} must be between 1 and 1000000";
        if (RetryMaxSeconds is < 1 or > 3600) yield return $"{where}:RetryMaxSeconds {RetryMaxSeconds} must be between 1 and 3600";
    }
}
