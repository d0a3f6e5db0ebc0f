using Veil.Sidecar.Contract;

namespace Veil.Sidecar.Api;

/// <summary>One line of an export's events.jsonl: the event as posted plus what review made of it.</summary>
internal sealed record ArchiveLineJson
{
    public required EventDocument Event { get; init; }
    public required string Status { get; init; }
    public string? Note { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
}
