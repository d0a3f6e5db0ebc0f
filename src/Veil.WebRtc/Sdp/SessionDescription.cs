namespace Veil.WebRtc.Sdp;

/// <summary>
/// A parsed SDP offer (RFC 8866): session-level fields and attributes, then the media sections in
/// order. Parsing is bounded (<see cref="MaxLength"/> characters, <see cref="MaxLines"/> lines,
/// <see cref="MaxMediaSections"/> sections) since offers come from the network.
/// </summary>
public sealed class SessionDescription
{
    public const int MaxLength = 64 * 1024, MaxLines = 2000, MaxMediaSections = 32;

    internal SessionDescription(string origin, string sessionName, IReadOnlyList<SdpAttribute> attributes,
        IReadOnlyList<SdpGroup> groups, bool iceLite, IReadOnlyList<MediaDescription> media)
    {
        Origin = origin;
        SessionName = sessionName;
        Attributes = attributes;
        Groups = groups;
        IceLite = iceLite;
        Media = media;
    }

    /// <summary>The o= value: "&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; IN IP4 &lt;address&gt;".</summary>
    public string Origin { get; }

    public string SessionName { get; }

    /// <summary>Session-level a= lines in order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; }

    /// <summary>Every a=group line; each mid named exists in <see cref="Media"/>.</summary>
    public IReadOnlyList<SdpGroup> Groups { get; }

    public bool IceLite { get; }

    public IReadOnlyList<MediaDescription> Media { get; }

    /// <summary>The mids of the first BUNDLE group, or empty when nothing is bundled.</summary>
    public IReadOnlyList<string> BundleMids =>
        Groups.FirstOrDefault(g => g.Semantics.Equals("BUNDLE", StringComparison.OrdinalIgnoreCase))?.Mids ?? [];

    /// <summary>Parses <paramref name="sdp"/>; lines may end in CRLF or LF. Throws <see cref="SdpException"/> with the line and reason.</summary>
    public static SessionDescription Parse(string sdp) => new SdpParser(sdp).Parse();
}
