using Veil.WebRtc.Dtls;
using System.Globalization;

namespace Veil.WebRtc.Sdp;

/// <summary>Parsers of single attribute values; each throws <see cref="SdpException"/> naming the line and what is wrong.</summary>
internal static class SdpValues
{
    private static readonly char[] Space = [' '];

    public static int Number(string what, string text, int min, int max, int line)
    {
        if (text.Length is 0 or > 10 || !text.All(char.IsAsciiDigit) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < min || n > max)
            throw new SdpException(line, $"{what} '{SdpParser.Shorten(text)}' is not a number {min}-{max}");
        return (int)n;
    }

    public static uint Ssrc32(string text, int line)
    {
        if (text.Length is 0 or > 10 || !text.All(char.IsAsciiDigit) || !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint ssrc))
            throw new SdpException(line, $"SSRC '{SdpParser.Shorten(text)}' is not a 32-bit number");
        return ssrc;
    }

    /// <summary>A token (RFC 8866 §9): visible ASCII other than the separators SDP uses.</summary>
    public static string Token(string what, string text, int line)
    {
        foreach (char c in text)
            if (c <= ' ' || c >= 0x7F || c is '"' or '(' or ')' or ',' or '/' or ':' or ';' or '<' or '=' or '>' or '?' or '@' or '[' or '\\' or ']' or '{' or '}')
                throw new SdpException(line, $"{what} '{SdpParser.Shorten(text)}' is not a token");
        return text;
    }

    /// <summary>ice-ufrag and ice-pwd are ice-chars: ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4).</summary>
    public static string IceChars(string name, string text, int line) =>
        IceCredentials.IsIceChars(text) ? text : throw new SdpException(line, $"a={name} '{SdpParser.Shorten(text)}' has a character other than ALPHA, DIGIT, '+' and '/'");

    public static DtlsFingerprint Fingerprint(string value, int line) =>
        DtlsFingerprint.TryParse(value, out var fingerprint, out string reason) ? fingerprint! : throw new SdpException(line, reason);

    public static DtlsSetup Setup(string value, int line) => value switch
    {
        "active" => DtlsSetup.Active,
        "passive" => DtlsSetup.Passive,
        "actpass" => DtlsSetup.ActPass,
        "holdconn" => DtlsSetup.HoldConn,
        _ => throw new SdpException(line, $"a=setup:{SdpParser.Shorten(value)} is not active, passive, actpass or holdconn"),
    };

    public static MediaDirection Direction(string name) => name switch
    {
        "sendonly" => MediaDirection.SendOnly,
        "recvonly" => MediaDirection.RecvOnly,
        "inactive" => MediaDirection.Inactive,
        _ => MediaDirection.SendRecv,
    };

    /// <summary>group:&lt;semantics&gt; *(SP &lt;mid&gt;) (RFC 5888 §5).</summary>
    public static SdpGroup Group(string value, int line)
    {
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new SdpGroup(Token("a=group semantics", fields[0], line), fields[1..].Select(m => Token("a=group mid", m, line)).ToArray());
    }

    /// <summary>rtpmap:&lt;pt&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;] (RFC 8866 §6.6).</summary>
    public static RtpMap RtpMap(string value, int line)
    {
        var (pt, rest) = PayloadTypeAndRest("a=rtpmap", value, line);
        var parts = rest.Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0)
            throw new SdpException(line, $"a=rtpmap:{SdpParser.Shorten(value)} is not '<pt> <encoding>/<clock rate>[/<channels>]'");
        Token("a=rtpmap encoding name", parts[0], line);
        int clockRate = Number("a=rtpmap clock rate", parts[1], 1, int.MaxValue, line);
        int? channels = parts.Length == 3 ? Number("a=rtpmap channels", parts[2], 1, 255, line) : null;
        return new RtpMap(pt, parts[0], clockRate, channels);
    }

    /// <summary>fmtp:&lt;pt&gt; &lt;format specific parameters&gt; (RFC 8866 §6.15), split as name=value;name=value.</summary>
    public static FormatParameters FormatParameters(string value, int line)
    {
        var (pt, rest) = PayloadTypeAndRest("a=fmtp", value, line);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in rest.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=');
            string key = equals < 0 ? part : part[..equals].Trim();
            if (key.Length == 0) throw new SdpException(line, $"a=fmtp:{SdpParser.Shorten(value)} has a parameter without a name");
            values[key] = equals < 0 ? "" : part[(equals + 1)..].Trim();
        }
        return new FormatParameters(pt, rest, values);
    }

    /// <summary>rtcp-fb:&lt;pt&gt;|* &lt;type&gt; [&lt;parameters&gt;] (RFC 4585 §4.2).</summary>
    public static RtcpFeedback Feedback(string value, int line)
    {
        var parts = value.Split(Space, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2) throw new SdpException(line, $"a=rtcp-fb:{SdpParser.Shorten(value)} is not '<pt>|* <type> [<parameter>]'");
        string feedback = string.Join(' ', parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new RtcpFeedback(parts[0] == "*" ? null : Number("a=rtcp-fb payload type", parts[0], 0, 127, line), feedback);
    }

    /// <summary>extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; [&lt;attributes&gt;] (RFC 8285 §8); ids 1-255 (two-byte form included).</summary>
    public static HeaderExtension Extension(string value, int line)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) throw new SdpException(line, $"a=extmap:{SdpParser.Shorten(value)} is not '<id>[/<direction>] <uri>'");
        var idAndDirection = parts[0].Split('/');
        if (idAndDirection.Length > 2) throw new SdpException(line, $"a=extmap id '{SdpParser.Shorten(parts[0])}' is not '<id>[/<direction>]'");
        int id = Number("a=extmap id", idAndDirection[0], 1, 255, line);
        string? direction = idAndDirection.Length == 2 ? idAndDirection[1] : null;
        if (direction is not (null or "sendrecv" or "sendonly" or "recvonly" or "inactive"))
            throw new SdpException(line, $"a=extmap direction '{SdpParser.Shorten(direction)}' is not sendrecv, sendonly, recvonly or inactive");
        return new HeaderExtension(id, direction, parts[1]);
    }

    /// <summary>ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;] (RFC 5576 §4.1).</summary>
    public static (uint Ssrc, string Attribute, string? Value) Ssrc(string value, int line)
    {
        var parts = value.Split(Space, 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2) throw new SdpException(line, $"a=ssrc:{SdpParser.Shorten(value)} is not '<ssrc> <attribute>[:<value>]'");
        int colon = parts[1].IndexOf(':');
        return colon < 0 ? (Ssrc32(parts[0], line), parts[1], null) : (Ssrc32(parts[0], line), parts[1][..colon], parts[1][(colon + 1)..]);
    }

    /// <summary>ssrc-group:&lt;semantics&gt; &lt;ssrc-id&gt; ... (RFC 5576 §4.2).</summary>
    public static SsrcGroup SsrcGroup(string value, int line)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) throw new SdpException(line, $"a=ssrc-group:{SdpParser.Shorten(value)} is not '<semantics> <ssrc> ...'");
        return new SsrcGroup(Token("a=ssrc-group semantics", parts[0], line), parts[1..].Select(p => Ssrc32(p, line)).ToArray());
    }

    /// <summary>
    /// candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt; ...
    /// (RFC 8839 §5.1): checked for shape, kept as written.
    /// </summary>
    public static string Candidate(string value, int line)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 8 || parts[6] != "typ")
            throw new SdpException(line, $"a=candidate:{SdpParser.Shorten(value)} is not '<foundation> <component> <transport> <priority> <address> <port> typ <type>'");
        Number("a=candidate component", parts[1], 1, 256, line);
        if (parts[3].Length is 0 or > 10 || !parts[3].All(char.IsAsciiDigit) || !uint.TryParse(parts[3], CultureInfo.InvariantCulture, out _))
            throw new SdpException(line, $"a=candidate priority '{SdpParser.Shorten(parts[3])}' is not a 32-bit number");
        Number("a=candidate port", parts[5], 0, 65535, line);
        return value;
    }

    private static (int PayloadType, string Remainder) PayloadTypeAndRest(string what, string value, int line)
    {
        var parts = value.Split(Space, 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2) throw new SdpException(line, $"{what}:{SdpParser.Shorten(value)} has no payload type and value");
        return (Number($"{what} payload type", parts[0], 0, 127, line), parts[1].Trim());
    }
}
