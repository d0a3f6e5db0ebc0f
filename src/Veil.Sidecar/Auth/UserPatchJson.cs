namespace Veil.Sidecar.Auth;

/// <summary>The body of PATCH /api/users/{name}: any of the four; cameras replaces the whole list.</summary>
internal sealed record UserPatchJson(string? Role = null, IReadOnlyList<string>? Cameras = null, bool? Disabled = null, string? Password = null);
