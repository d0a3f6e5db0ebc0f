namespace Veil.Sidecar.Store;

/// <summary>One change someone made: before and after are small JSON objects of the fields that changed.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string? EventId, string Action, string? Before, string? After);
