namespace Veil.Sidecar.Auth;

/// <summary>The body of POST /api/login.</summary>
internal sealed record LoginJson(string Name, string Password);
