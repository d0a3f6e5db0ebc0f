using Veil.WebRtc.Dtls;
namespace Veil.WebRtc.Sdp;

/// <summary>
/// One media section: its <c>m=</c> line (RFC 8866 §5.14) and the attributes WebRTC uses. ICE
/// credentials, fingerprints, setup and direction written at session level are inherited when the
/// section does not give its own.
/// </summary>
public sealed class MediaDescription
{
    internal readonly List<SdpAttribute> AttributeList = [];
    internal readonly List<DtlsFingerprint> FingerprintList = [];
    internal readonly Dictionary<int, RtpMap> RtpMapTable = [];
    internal readonly Dictionary<int, FormatParameters> FormatParameterTable = [];
    internal readonly List<RtcpFeedback> FeedbackList = [];
    internal readonly List<HeaderExtension> ExtensionList = [];
    internal readonly List<SsrcDescription> SsrcList = [];
    internal readonly List<SsrcGroup> SsrcGroupList = [];
    internal readonly List<string> CandidateList = [];

    internal MediaDescription(int lineNumber, string kind, int port, string proto, IReadOnlyList<string> formats, IReadOnlyList<int> payloadTypes)
    {
        LineNumber = lineNumber;
        Kind = kind;
        Port = port;
        Proto = proto;
        Formats = formats;
        PayloadTypes = payloadTypes;
    }

    /// <summary>The line of the <c>m=</c> line, for messages about this section.</summary>
    public int LineNumber { get; }

    /// <summary>"audio", "video", "application", or another media type as written.</summary>
    public string Kind { get; }

    public int Port { get; }

    /// <summary>"UDP/TLS/RTP/SAVPF" for WebRTC media, "UDP/DTLS/SCTP" for data channels.</summary>
    public string Proto { get; }

    /// <summary>The format list of the m= line as written.</summary>
    public IReadOnlyList<string> Formats { get; }

    /// <summary>The format list as RTP payload types; empty for a section that is not RTP.</summary>
    public IReadOnlyList<int> PayloadTypes { get; }

    public bool IsRtp => Proto.Contains("RTP/", StringComparison.Ordinal);

    /// <summary>Port 0 without a=bundle-only: the offerer has rejected or disabled this section (RFC 8843 §6).</summary>
    public bool IsDisabled => Port == 0 && !BundleOnly;

    public string? Mid { get; internal set; }
    public MediaDirection Direction { get; internal set; }
    public string? IceUfrag { get; internal set; }
    public string? IcePwd { get; internal set; }
    public DtlsSetup? Setup { get; internal set; }
    public bool RtcpMux { get; internal set; }
    public bool RtcpReducedSize { get; internal set; }
    public bool BundleOnly { get; internal set; }
    public bool EndOfCandidates { get; internal set; }

    public IReadOnlyList<DtlsFingerprint> Fingerprints => FingerprintList;
    public IReadOnlyDictionary<int, RtpMap> RtpMaps => RtpMapTable;
    public IReadOnlyDictionary<int, FormatParameters> FormatParameters => FormatParameterTable;
    public IReadOnlyList<RtcpFeedback> RtcpFeedback => FeedbackList;
    public IReadOnlyList<HeaderExtension> HeaderExtensions => ExtensionList;
    public IReadOnlyList<SsrcDescription> Ssrcs => SsrcList;
    public IReadOnlyList<SsrcGroup> SsrcGroups => SsrcGroupList;

    /// <summary>The <c>a=candidate</c> values as written (after "candidate:"); Veil, ICE-lite, does not pair them.</summary>
    public IReadOnlyList<string> Candidates => CandidateList;

    /// <summary>Every a= line of the section in order, including those also parsed into the properties.</summary>
    public IReadOnlyList<SdpAttribute> Attributes => AttributeList;

    /// <summary>The feedback values offered for <paramref name="payloadType"/>, including those given for '*'.</summary>
    public IEnumerable<string> FeedbackFor(int payloadType) =>
        FeedbackList.Where(f => f.PayloadType is null || f.PayloadType == payloadType).Select(f => f.Value);

    public FormatParameters? FormatParametersFor(int payloadType) => FormatParameterTable.GetValueOrDefault(payloadType);
}
