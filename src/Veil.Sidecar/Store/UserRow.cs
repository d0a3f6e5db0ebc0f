using Veil.Sidecar.Auth;

namespace Veil.Sidecar.Store;

/// <summary>A users row as Dapper reads it (see <see cref="Columns"/> for the aliases); cameras come from user_cameras.</summary>
internal sealed class UserRow
{
    /// <summary>The select list over <c>users u</c>.</summary>
    public const string Columns =
        "u.name AS Name, u.password_hash AS PasswordHash, u.role AS Role, u.disabled AS Disabled, u.created_at AS CreatedAt, u.updated_at AS UpdatedAt";

    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = "";
    public long Disabled { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }

    public User ToUser(IReadOnlyList<string> cameras) =>
        new(Name, PasswordHash, RoleNames.Parse(Role), cameras, Disabled != 0, UnixTime.FromMs(CreatedAt), UnixTime.FromMs(UpdatedAt));
}
