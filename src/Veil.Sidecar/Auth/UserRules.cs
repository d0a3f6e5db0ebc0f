using Veil.Sidecar.Api;

namespace Veil.Sidecar.Auth;

/// <summary>What user names, passwords and an operator's camera list may be.</summary>
internal static class UserRules
{
    public const int MaxNameLength = 64;
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    public const int MaxCameras = 1000;

    public const string NameRule = "1-64 of A-Z a-z 0-9 . _ @ - starting with a letter or digit";

    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');

    public static string? PasswordProblem(string password) =>
        password.Length is < MinPasswordLength or > MaxPasswordLength ? $"password must be {MinPasswordLength} to {MaxPasswordLength} characters" : null;

    public static string? CamerasProblem(IReadOnlyList<string> cameras)
    {
        if (cameras.Count > MaxCameras) return $"cameras holds at most {MaxCameras} names";
        if (cameras.FirstOrDefault(c => !FieldRules.IsCamera(c)) is { } bad)
            return $"camera '{(bad.Length <= 40 ? bad : bad[..40] + "…")}' must be 1-{FieldRules.MaxCameraLength} printable characters without leading or trailing blanks";
        return cameras.Distinct(StringComparer.Ordinal).Count() != cameras.Count ? "cameras names a camera twice" : null;
    }
}
