namespace Veil.WebRtc.Sdp;

/// <summary>
/// The m= line (RFC 8866 §5.14): <c>m=&lt;media&gt; &lt;port&gt;[/&lt;count&gt;] &lt;proto&gt; &lt;fmt&gt; ...</c>;
/// for an RTP proto each fmt is a payload type 0-127 (RFC 3551).
/// </summary>
internal static class MediaLine
{
    public static MediaDescription Parse(string value, int line)
    {
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4) throw new SdpException(line, $"m={SdpParser.Shorten(value)} is not '<media> <port> <proto> <fmt> ...'");
        string kind = SdpValues.Token("m= media", fields[0], line);
        if (fields[1].Contains('/')) throw new SdpException(line, $"m= port '{fields[1]}' gives a port count, which WebRTC does not use");
        int port = SdpValues.Number("m= port", fields[1], 0, 65535, line);
        string proto = fields[2];
        if (!proto.Split('/').All(IsProtoToken)) throw new SdpException(line, $"m= proto '{SdpParser.Shorten(proto)}' is not tokens joined by '/' (like UDP/TLS/RTP/SAVPF)");
        var formats = fields[3..];
        int[] payloadTypes = proto.Contains("RTP/", StringComparison.Ordinal)
            ? formats.Select(f => SdpValues.Number("m= payload type", f, 0, 127, line)).ToArray()
            : [];
        return new MediaDescription(line, kind, port, proto, formats, payloadTypes);
    }

    private static bool IsProtoToken(string part) =>
        part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
