using System.Data.Common;
using Dapper;
using Veil.Sidecar.Auth;

namespace Veil.Sidecar.Store;

/// <summary>Users and their cameras; every change an audit row (no event id, never the password hash).</summary>
public abstract partial class SqlEventStore
{
    public async Task<User?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await FindUserAsync(connection, null, name, cancellationToken);
    }

    public async Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition($"SELECT {UserRow.Columns} FROM users u", cancellationToken: cancellationToken));
        var cameras = (await connection.QueryAsync<(string User, string Camera)>(new CommandDefinition(
            "SELECT user_name, camera FROM user_cameras", cancellationToken: cancellationToken))).ToLookup(c => c.User, c => c.Camera);
        return rows.Select(r => r.ToUser(cameras[r.Name].Order(StringComparer.Ordinal).ToList())).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> CreateUserAsync(User user, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var created = await Exec(connection, tx, "INSERT INTO users (name, password_hash, role, disabled, created_at, updated_at) "
            + "VALUES (@Name, @PasswordHash, @Role, @Disabled, @CreatedAt, @UpdatedAt) ON CONFLICT (name) DO NOTHING", new
            {
                user.Name,
                user.PasswordHash,
                Role = user.Role.ToName(),
                Disabled = user.Disabled ? 1L : 0L,
                CreatedAt = UnixTime.Ms(user.CreatedAt),
                UpdatedAt = UnixTime.Ms(user.UpdatedAt),
            }, cancellationToken);
        if (created == 0) return false;
        await SetCamerasAsync(connection, tx, user.Name, user.Cameras, cancellationToken);
        await AuditAsync(connection, tx, actor, null, "user.create", null, Described(user), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<User?> UpdateUserAsync(string name, UserChange change, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        if (await FindUserAsync(connection, tx, name, cancellationToken) is not { } before) return null;
        var after = before with
        {
            Role = change.Role ?? before.Role,
            Cameras = change.Cameras?.Order(StringComparer.Ordinal).ToList() ?? before.Cameras,
            Disabled = change.Disabled ?? before.Disabled,
            PasswordHash = change.PasswordHash ?? before.PasswordHash,
            UpdatedAt = UnixTime.FromMs(Math.Max(UnixTime.NowMs(), UnixTime.Ms(before.UpdatedAt) + 1)),
        };
        await Exec(connection, tx, "UPDATE users SET password_hash = @PasswordHash, role = @Role, disabled = @Disabled, updated_at = @UpdatedAt WHERE name = @Name",
            new { after.Name, after.PasswordHash, Role = after.Role.ToName(), Disabled = after.Disabled ? 1L : 0L, UpdatedAt = UnixTime.Ms(after.UpdatedAt) },
            cancellationToken);
        if (change.Cameras is not null)
        {
            await Exec(connection, tx, "DELETE FROM user_cameras WHERE user_name = @Name", new { Name = name }, cancellationToken);
            await SetCamerasAsync(connection, tx, name, after.Cameras, cancellationToken);
        }
        // A new password or disabling shuts out whoever holds a session: the reason to change them is often a leak.
        if (change.PasswordHash is not null || after.Disabled)
            await Exec(connection, tx, "DELETE FROM sessions WHERE user_name = @Name", new { Name = name }, cancellationToken);
        await AuditAsync(connection, tx, actor, null, "user.update", Described(before), Described(after, change.PasswordHash is not null), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return after;
    }

    private static async Task<User?> FindUserAsync(DbConnection connection, DbTransaction? tx, string name, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users u WHERE u.name = @Name", new { Name = name }, tx, cancellationToken: cancellationToken));
        if (row is null) return null;
        var cameras = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT camera FROM user_cameras WHERE user_name = @Name", new { Name = name }, tx, cancellationToken: cancellationToken));
        return row.ToUser(cameras.Order(StringComparer.Ordinal).ToList());
    }

    private static async Task SetCamerasAsync(DbConnection connection, DbTransaction tx, string name, IReadOnlyList<string> cameras, CancellationToken cancellationToken)
    {
        foreach (var camera in cameras)
            await Exec(connection, tx, "INSERT INTO user_cameras (user_name, camera) VALUES (@Name, @Camera)", new { Name = name, Camera = camera }, cancellationToken);
    }

    /// <summary>A user for the audit log: what an admin sets, with the password only as "changed".</summary>
    private static Dictionary<string, object?> Described(User user, bool passwordChanged = false)
    {
        var described = new Dictionary<string, object?>
        {
            ["name"] = user.Name,
            ["role"] = user.Role.ToName(),
            ["cameras"] = user.Cameras,
            ["disabled"] = user.Disabled,
        };
        if (passwordChanged) described["password"] = "changed";
        return described;
    }
}
