namespace Veil.Sidecar.Store;

/// <summary>
/// What an event id may look like: 1 to 128 of A-Z a-z 0-9 . _ : -, starting with a letter or digit.
/// ASCII only, so every engine orders ids the same way (byte order) and an id is safe in a URL path.
/// </summary>
public static class EventIds
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength }
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');
}
