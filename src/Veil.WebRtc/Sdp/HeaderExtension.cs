namespace Veil.WebRtc.Sdp;

/// <summary><c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; [&lt;attributes&gt;]</c> (RFC 8285 §8).</summary>
public sealed record HeaderExtension(int Id, string? Direction, string Uri);
