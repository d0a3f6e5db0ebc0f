using Dapper;
using Veil.Sidecar.Auth;

namespace Veil.Sidecar.Store;

/// <summary>Sessions by their token's SHA-256, with a sliding end.</summary>
public abstract partial class SqlEventStore
{
    /// <summary>A session's end moves forward only when it has been used this long after the last move: not a write per request.</summary>
    private static readonly TimeSpan SlideStep = TimeSpan.FromMinutes(1);

    public async Task CreateSessionAsync(string tokenHash, string userName, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var now = UnixTime.NowMs();
        await Exec(connection, tx, "DELETE FROM sessions WHERE expires_at <= @Now", new { Now = now }, cancellationToken);
        await Exec(connection, tx, "INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES (@TokenHash, @UserName, @Now, @ExpiresAt)",
            new { TokenHash = tokenHash, UserName = userName, Now = now, ExpiresAt = UnixTime.Ms(expiresAt) }, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<Session?> FindSessionAsync(string tokenHash, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var (end, userName) = await connection.QuerySingleOrDefaultAsync<(long ExpiresAt, string? UserName)>(new CommandDefinition(
            "SELECT expires_at, user_name FROM sessions WHERE token_hash = @TokenHash", new { TokenHash = tokenHash }, cancellationToken: cancellationToken));
        if (userName is null) return null;
        var now = UnixTime.NowMs();
        if (end <= now)
        {
            await Exec(connection, null, "DELETE FROM sessions WHERE token_hash = @TokenHash", new { TokenHash = tokenHash }, cancellationToken);
            return null;
        }
        if (await FindUserAsync(connection, null, userName, cancellationToken) is not { Disabled: false } user) return null;

        var slid = now + (long)lifetime.TotalMilliseconds;
        if (slid - end >= (long)SlideStep.TotalMilliseconds)
        {
            await Exec(connection, null, "UPDATE sessions SET expires_at = @ExpiresAt WHERE token_hash = @TokenHash AND expires_at < @ExpiresAt",
                new { TokenHash = tokenHash, ExpiresAt = slid }, cancellationToken);
            end = slid;
        }
        return new Session(tokenHash, user, UnixTime.FromMs(end));
    }

    public async Task EndSessionAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await Exec(connection, null, "DELETE FROM sessions WHERE token_hash = @TokenHash", new { TokenHash = tokenHash }, cancellationToken);
    }
}
