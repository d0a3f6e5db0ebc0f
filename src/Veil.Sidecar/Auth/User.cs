namespace Veil.Sidecar.Auth;

/// <summary>A sidecar user. <see cref="Cameras"/> limit an operator's view; other roles see every camera.</summary>
public sealed record User(string Name, string PasswordHash, Role Role, IReadOnlyList<string> Cameras, bool Disabled,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
