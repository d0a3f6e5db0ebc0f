namespace Veil.Sidecar.Auth;

/// <summary>Role names as the API and the database spell them: operator, reviewer, admin.</summary>
public static class RoleNames
{
    public static string ToName(this Role role) => role switch
    {
        Role.Operator => "operator",
        Role.Reviewer => "reviewer",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static bool TryParse(string? name, out Role role)
    {
        role = name switch
        {
            "operator" => Role.Operator,
            "reviewer" => Role.Reviewer,
            "admin" => Role.Admin,
            _ => default,
        };
        return role != default;
    }

    public static Role Parse(string name) => TryParse(name, out var role) ? role : throw new FormatException($"'{name}' is not a role");
}
