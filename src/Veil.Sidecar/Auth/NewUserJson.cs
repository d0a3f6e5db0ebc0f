namespace Veil.Sidecar.Auth;

/// <summary>The body of POST /api/users; cameras matter for operators only.</summary>
internal sealed record NewUserJson(string Name, string Password, string Role, IReadOnlyList<string>? Cameras = null);
