namespace Veil.WebRtc.Sdp;

// RFC 8840 §9 (application/trickle-ice-sdpfrag), as WHIP PATCH bodies carry it (RFC 9725 §4.3.1):
// no v=/o=/s= lines, only attributes and the m= lines that say which section follows:
//
//   a=ice-ufrag:<ufrag>
//   a=ice-pwd:<pwd>
//   m=<media> <port> <proto> <fmt>
//   a=mid:<mid>
//   a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
//   a=end-of-candidates

/// <summary>
/// A trickle-ICE fragment: the ICE credentials it names (a different ufrag than the session's asks
/// for an ICE restart) and the candidates, kept as written after "candidate:". Veil, ICE-lite,
/// learns the peer's address from its checks, so it only validates and counts them.
/// </summary>
public sealed record TrickleFragment(string? IceUfrag, string? IcePwd, IReadOnlyList<string> Candidates, bool EndOfCandidates)
{
    public bool IsIceRestart(string currentRemoteUfrag) => IceUfrag is not null && IceUfrag != currentRemoteUfrag;

    public static TrickleFragment Parse(string body)
    {
        if (body.Length > SessionDescription.MaxLength) throw new SdpException($"the fragment has {body.Length} characters, more than {SessionDescription.MaxLength}");
        var lines = body.Split('\n');
        if (lines.Length > SessionDescription.MaxLines + 1) throw new SdpException($"the fragment has more than {SessionDescription.MaxLines} lines");
        string? ufrag = null, pwd = null;
        var candidates = new List<string>();
        bool end = false, any = false;
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            any = true;
            // An m= line only marks where a section's lines start; WHIP drafts' own example writes
            // "m=audio RTP/AVP 0" without a port, so it is not held to the m= grammar here.
            if (line.StartsWith("m=", StringComparison.Ordinal)) continue;
            if (!line.StartsWith("a=", StringComparison.Ordinal)) throw new SdpException(number, $"'{SdpParser.Shorten(line)}' is neither a= nor m=, all a trickle fragment holds");
            int colon = line.IndexOf(':');
            string name = colon < 0 ? line[2..] : line[2..colon];
            string value = colon < 0 ? "" : line[(colon + 1)..];
            switch (name)
            {
                case "ice-ufrag": ufrag = Same(ufrag, SdpValues.IceChars(name, value, number), name, number); break;
                case "ice-pwd": pwd = Same(pwd, SdpValues.IceChars(name, value, number), name, number); break;
                case "candidate": candidates.Add(SdpValues.Candidate(value, number)); break;
                case "end-of-candidates": end = true; break;
                case "mid": SdpValues.Token("a=mid", value, number); break;
            }
        }
        if (!any) throw new SdpException("the fragment is empty");
        return new TrickleFragment(ufrag, pwd, candidates, end);
    }

    /// <summary>A fragment speaks for one ICE session: every section must name the same credentials.</summary>
    private static string Same(string? earlier, string value, string name, int line) =>
        earlier is null || earlier == value ? value : throw new SdpException(line, $"a={name} '{SdpParser.Shorten(value)}' differs from '{earlier}' earlier in the fragment");
}
