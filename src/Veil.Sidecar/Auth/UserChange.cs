namespace Veil.Sidecar.Auth;

/// <summary>What PATCH /api/users/{name} changes; null members stay as they are.</summary>
public sealed record UserChange(Role? Role, IReadOnlyList<string>? Cameras, bool? Disabled, string? PasswordHash);
