namespace Veil.WebRtc.Sdp;

/// <summary>
/// <c>a=rtcp-fb:&lt;pt|*&gt; &lt;type&gt; [&lt;subtype&gt;]</c> (RFC 4585 §4.2); <see cref="PayloadType"/> is
/// null for '*' (every payload type), <see cref="Value"/> the rest, e.g. "nack" or "nack pli".
/// </summary>
public sealed record RtcpFeedback(int? PayloadType, string Value);
