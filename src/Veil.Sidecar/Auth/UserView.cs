using Veil.Sidecar.Api;

namespace Veil.Sidecar.Auth;

/// <summary>A user as the API shows it: never the password hash.</summary>
internal sealed record UserView(string Name, string Role, IReadOnlyList<string> Cameras, bool Disabled, string CreatedAt, string UpdatedAt)
{
    public static UserView From(User user) =>
        new(user.Name, user.Role.ToName(), user.Cameras, user.Disabled, ApiTime.Format(user.CreatedAt), ApiTime.Format(user.UpdatedAt));
}
