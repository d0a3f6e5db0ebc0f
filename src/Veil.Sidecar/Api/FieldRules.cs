namespace Veil.Sidecar.Api;

/// <summary>What camera names, kinds, notes and addresses may be, wherever they come in (bodies, query strings).</summary>
internal static class FieldRules
{
    public const int MaxCameraLength = 100;
    public const int MaxKindLength = 64;
    public const int MaxNoteLength = 2000;
    public const int MaxAddressLength = 300;

    /// <summary>1 to 100 printable characters, no leading or trailing blanks.</summary>
    public static bool IsCamera(string? name) =>
        name is { Length: > 0 and <= MaxCameraLength } && name.Trim().Length == name.Length && !name.Any(char.IsControl);

    /// <summary>1 to 64 of A-Z a-z 0-9 _ . - (rule names such as "tandem_riding").</summary>
    public static bool IsKind(string? kind) =>
        kind is { Length: > 0 and <= MaxKindLength } && kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    public static bool IsText(string? text, int maxLength) => text is null || (text.Length <= maxLength && !text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'));
}
