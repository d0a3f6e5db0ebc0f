namespace Veil.WebRtc.Sdp;

/// <summary><c>a=ssrc-group:&lt;semantics&gt; &lt;ssrc&gt;...</c> (RFC 5576 §4.2); FID pairs a stream with its RTX stream.</summary>
public sealed record SsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs);
