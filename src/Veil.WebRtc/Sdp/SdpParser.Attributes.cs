namespace Veil.WebRtc.Sdp;

/// <summary>The attributes WebRTC uses, read into typed values; any other attribute is kept only as written.</summary>
internal sealed partial class SdpParser
{
    private void ReadSessionAttribute(string name, string? value)
    {
        switch (name)
        {
            case "group": groups.Add(SdpValues.Group(Need(name, value), lineNumber)); break;
            case "ice-lite": iceLite = true; break;
            case "ice-ufrag": Once(name); sessionUfrag = SdpValues.IceChars(name, Need(name, value), lineNumber); break;
            case "ice-pwd": Once(name); sessionPwd = SdpValues.IceChars(name, Need(name, value), lineNumber); break;
            case "fingerprint": sessionFingerprints.Add(SdpValues.Fingerprint(Need(name, value), lineNumber)); break;
            case "setup": Once(name); sessionSetup = SdpValues.Setup(Need(name, value), lineNumber); break;
            case "sendrecv" or "sendonly" or "recvonly" or "inactive": Once("direction"); sessionDirection = SdpValues.Direction(name); break;
            case "rtpmap" or "fmtp" or "rtcp-fb": throw Error($"a={name} outside a media section");
        }
    }

    private void ReadMediaAttribute(MediaDescription section, string name, string? value)
    {
        switch (name)
        {
            case "mid": Once(name); section.Mid = SdpValues.Token(name, Need(name, value), lineNumber); break;
            case "ice-ufrag": Once(name); section.IceUfrag = SdpValues.IceChars(name, Need(name, value), lineNumber); break;
            case "ice-pwd": Once(name); section.IcePwd = SdpValues.IceChars(name, Need(name, value), lineNumber); break;
            case "fingerprint": section.FingerprintList.Add(SdpValues.Fingerprint(Need(name, value), lineNumber)); break;
            case "setup": Once(name); section.Setup = SdpValues.Setup(Need(name, value), lineNumber); break;
            case "sendrecv" or "sendonly" or "recvonly" or "inactive": Once("direction"); section.Direction = SdpValues.Direction(name); break;
            case "rtcp-mux": section.RtcpMux = true; break;
            case "rtcp-rsize": section.RtcpReducedSize = true; break;
            case "bundle-only": section.BundleOnly = true; break;
            case "end-of-candidates": section.EndOfCandidates = true; break;
            case "candidate": section.CandidateList.Add(SdpValues.Candidate(Need(name, value), lineNumber)); break;
            case "extmap": section.ExtensionList.Add(SdpValues.Extension(Need(name, value), lineNumber)); break;
            case "ssrc": AddSsrc(section, Need(name, value)); break;
            case "ssrc-group": section.SsrcGroupList.Add(SdpValues.SsrcGroup(Need(name, value), lineNumber)); break;
            case "rtpmap":
                var map = SdpValues.RtpMap(Need(name, value), lineNumber);
                Declared(section, name, map.PayloadType);
                if (!section.RtpMapTable.TryAdd(map.PayloadType, map)) throw Error($"a second a=rtpmap for payload type {map.PayloadType}");
                break;
            case "fmtp":
                var parameters = SdpValues.FormatParameters(Need(name, value), lineNumber);
                Declared(section, name, parameters.PayloadType);
                if (!section.FormatParameterTable.TryAdd(parameters.PayloadType, parameters)) throw Error($"a second a=fmtp for payload type {parameters.PayloadType}");
                break;
            case "rtcp-fb":
                var feedback = SdpValues.Feedback(Need(name, value), lineNumber);
                if (feedback.PayloadType is { } pt) Declared(section, name, pt);
                else if (!section.IsRtp) throw Error($"a=rtcp-fb in a media section that is not RTP ({section.Proto})");
                section.FeedbackList.Add(feedback);
                break;
        }
    }

    /// <summary>Collects one a=ssrc line into its SSRC, keeping the cname (RFC 5576 §6.1).</summary>
    private void AddSsrc(MediaDescription section, string value)
    {
        var (ssrc, attribute, attributeValue) = SdpValues.Ssrc(value, lineNumber);
        int index = section.SsrcList.FindIndex(s => s.Ssrc == ssrc);
        if (index < 0)
        {
            section.SsrcList.Add(new SsrcDescription(ssrc, null));
            index = section.SsrcList.Count - 1;
        }
        if (attribute == "cname") section.SsrcList[index] = section.SsrcList[index] with { Cname = attributeValue };
    }

    private void Declared(MediaDescription section, string name, int payloadType)
    {
        if (!section.IsRtp) throw Error($"a={name} in a media section that is not RTP ({section.Proto})");
        if (!section.PayloadTypes.Contains(payloadType))
            throw Error($"a={name} for payload type {payloadType}, which the m= line (line {section.LineNumber}) does not list");
    }

    private void Once(string name)
    {
        if (!seen.Add(name)) throw Error(name == "direction" ? "a second direction attribute" : $"a second a={name}");
    }

    private string Need(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw Error($"a={name} has no value") : value;
}
