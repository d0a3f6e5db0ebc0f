namespace Veil.WebRtc.Sdp;

/// <summary>The transport attributes an accepted section must carry for Veil's ICE-lite, DTLS-server, rtcp-mux transport.</summary>
internal static class TransportCheck
{
    public static void Require(MediaDescription section)
    {
        string where = $"the {section.Kind} section (mid {section.Mid})";
        if (section.IceUfrag is not { } ufrag) throw Fail(section, $"{where} has no ice-ufrag");
        if (!IceCredentials.IsValidUfrag(ufrag)) throw Fail(section, $"{where} has ice-ufrag '{ufrag}' outside {IceCredentials.MinUfragLength}-{IceCredentials.MaxLength} characters");
        if (section.IcePwd is not { } pwd) throw Fail(section, $"{where} has no ice-pwd");
        if (!IceCredentials.IsValidPassword(pwd)) throw Fail(section, $"{where} has an ice-pwd of {pwd.Length} characters, outside {IceCredentials.MinPasswordLength}-{IceCredentials.MaxLength}");
        if (section.Fingerprints.Count == 0) throw Fail(section, $"{where} has no a=fingerprint");
        if (!section.Fingerprints.Any(f => f.Algorithm == "sha-256"))
            throw Fail(section, $"{where} has no sha-256 a=fingerprint (only {string.Join(", ", section.Fingerprints.Select(f => f.Algorithm))})");
        // RFC 8842 §5.3: the answerer of actpass picks; Veil is always the DTLS server (passive).
        if (section.Setup == DtlsSetup.Passive) throw Fail(section, $"{where}: setup:passive cannot work with an ICE-lite DTLS server");
        if (section.Setup == DtlsSetup.HoldConn) throw Fail(section, $"{where}: setup:holdconn asks for no connection");
        if (!section.RtcpMux) throw Fail(section, $"{where} has no a=rtcp-mux: Veil needs RTP and RTCP on one port");
    }

    private static SdpException Fail(MediaDescription section, string message) => new(section.LineNumber, message);
}
