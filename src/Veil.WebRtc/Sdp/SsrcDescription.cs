namespace Veil.WebRtc.Sdp;

/// <summary>An SSRC announced by <c>a=ssrc:&lt;id&gt; &lt;attribute&gt;[:&lt;value&gt;]</c> lines (RFC 5576 §4.1), with its cname.</summary>
public sealed record SsrcDescription(uint Ssrc, string? Cname);
