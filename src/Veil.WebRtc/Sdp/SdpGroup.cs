namespace Veil.WebRtc.Sdp;

/// <summary><c>a=group:&lt;semantics&gt; &lt;mid&gt;...</c> (RFC 5888 §5); BUNDLE puts the mids on one transport (RFC 8843).</summary>
public sealed record SdpGroup(string Semantics, IReadOnlyList<string> Mids);
