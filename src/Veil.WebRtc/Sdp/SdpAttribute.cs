namespace Veil.WebRtc.Sdp;

/// <summary>One <c>a=</c> line as written: <c>a=Name</c> or <c>a=Name:Value</c> (RFC 8866 §5.13).</summary>
public sealed record SdpAttribute(string Name, string? Value);
