namespace Veil.Sidecar.Auth;

/// <summary>Users, their cameras and their sessions, as the sign-in and user endpoints need them. Every change is audited.</summary>
public interface IUserStore
{
    Task<User?> FindUserAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every user, by name.</summary>
    Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken);

    /// <summary>False (and nothing written) when the name is taken.</summary>
    Task<bool> CreateUserAsync(User user, string actor, CancellationToken cancellationToken);

    /// <summary>The user as changed, or null when there is none. A new password or disabling ends the user's sessions.</summary>
    Task<User?> UpdateUserAsync(string name, UserChange change, string actor, CancellationToken cancellationToken);

    /// <summary>Stores a session by its token's hash (expired sessions are cleared on the way).</summary>
    Task CreateSessionAsync(string tokenHash, string userName, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// The session, or null when it is unknown, expired or its user disabled. Using it slides its end to
    /// now + <paramref name="lifetime"/> (written at most every few minutes, not on every request).
    /// </summary>
    Task<Session?> FindSessionAsync(string tokenHash, TimeSpan lifetime, CancellationToken cancellationToken);

    Task EndSessionAsync(string tokenHash, CancellationToken cancellationToken);
}
