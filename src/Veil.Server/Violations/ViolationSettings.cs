namespace Veil.Server.Violations;

/// <summary>Where violation events go: the outbox folder, and the sidecar that takes them (none: they wait in the outbox).</summary>
public sealed record ViolationSettings(string OutboxDirectory, string? SidecarUrl, string? IngestToken);
