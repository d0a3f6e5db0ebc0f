namespace Veil.Sidecar.Auth;

/// <summary>
/// A live session, found by its token's hash: its user as stored now (role and camera changes apply at
/// once) and when it ends unless used.
/// </summary>
public sealed record Session(string TokenHash, User User, DateTimeOffset ExpiresAt);
