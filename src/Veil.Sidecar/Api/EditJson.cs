namespace Veil.Sidecar.Api;

/// <summary>The body of PATCH /api/events/{id}: either or both; "note": "" clears the note.</summary>
internal sealed record EditJson(string? Kind = null, string? Note = null);
