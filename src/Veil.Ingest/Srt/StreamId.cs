namespace Veil.Ingest.Srt;

/// <summary>
/// What an SRT caller's stream id asks for: the stream to publish and its key. Two syntaxes, as
/// MediaMTX takes them:
/// <code>
///   publish:STREAM:KEY              Veil's form: the stream and its key
///   publish:STREAM:USER:KEY[:QUERY] MediaMTX's form with credentials (the user is not checked, the password is the key)
///   #!::r=STREAM,m=publish,s=KEY    SRT's access-control syntax (r resource, m mode, s session = the key;
///                                   u, h, t and vendor keys such as bmd_uuid are ignored; no m means publish)
/// </code>
/// A read (read:..., m=request) is told the port takes publishers only; anything else is refused
/// with what was expected.
/// </summary>
public sealed record StreamId(string Stream, string Key)
{
    /// <summary>At most 512 characters, as SRTO_STREAMID allows.</summary>
    public const int MaxLength = 512;

    public const string Forms = "'publish:STREAM:KEY', 'publish:STREAM:USER:KEY' or '#!::r=STREAM,m=publish,s=KEY'";

    /// <summary>The stream id read, or why it cannot be used (<paramref name="isRead"/> when it asks to read instead of publish).</summary>
    public static StreamId? Parse(string? raw, out string error, out bool isRead)
    {
        error = "";
        isRead = false;
        if (string.IsNullOrEmpty(raw))
        {
            error = $"no stream id: publish with streamid={Forms}";
            return null;
        }
        if (raw.Length > MaxLength)
        {
            error = $"a stream id of {raw.Length} characters is over SRT's {MaxLength}";
            return null;
        }
        return raw.StartsWith("#!::", StringComparison.Ordinal) ? ParseAccessControl(raw, out error, out isRead) : ParseColons(raw, out error, out isRead);
    }

    private static StreamId? ParseColons(string raw, out string error, out bool isRead)
    {
        error = "";
        var parts = raw.Split(':');
        isRead = parts[0] == "read";
        if (isRead) return null;
        if (parts[0] != "publish" || parts.Length is < 2 or > 5)
        {
            error = $"stream id '{Shown(raw)}' is not one of {Forms}";
            return null;
        }
        string key = parts.Length switch { 3 => parts[2], 4 or 5 => parts[3], _ => "" };
        return Checked(parts[1], key, raw, out error);
    }

    private static StreamId? ParseAccessControl(string raw, out string error, out bool isRead)
    {
        error = "";
        isRead = false;
        string stream = "", key = "";
        foreach (string pair in raw[4..].Split(','))
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                error = $"stream id '{Shown(raw)}': '{Shown(pair)}' is not KEY=VALUE";
                return null;
            }
            string value = pair[(eq + 1)..];
            switch (pair[..eq])
            {
                case "r": stream = value; break;
                case "s": key = value; break;
                case "m" when value == "publish": break;
                case "m" when value is "request" or "bidirectional":
                    isRead = true;
                    return null;
                case "m":
                    error = $"stream id '{Shown(raw)}': mode m={value} is not publish";
                    return null;
            }
        }
        return Checked(stream, key, raw, out error);
    }

    private static StreamId? Checked(string stream, string key, string raw, out string error)
    {
        error = stream.Length == 0 ? $"stream id '{Shown(raw)}' names no stream: use {Forms}"
            : key.Length == 0 ? $"stream id '{Shown(raw)}' gives no key for stream '{stream}': use {Forms}"
            : "";
        return error.Length == 0 ? new StreamId(stream, key) : null;
    }

    /// <summary>The stream id as logged: whatever may be a key in it (past the second colon, an s= value) masked, at most 80 characters.</summary>
    public static string Shown(string raw)
    {
        string shown = raw.StartsWith("#!::", StringComparison.Ordinal)
            ? string.Join(',', raw.Split(',').Select(p => p.StartsWith("s=", StringComparison.Ordinal) || p.StartsWith("#!::s=", StringComparison.Ordinal) ? p[..(p.IndexOf('=') + 1)] + "***" : p))
            : string.Join(':', raw.Split(':').Select((p, i) => i < 2 ? p : "***"));
        return shown.Length > 80 ? shown[..80] + "..." : shown;
    }
}
