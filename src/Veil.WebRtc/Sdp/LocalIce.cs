using System.Net;

namespace Veil.WebRtc.Sdp;

/// <summary>
/// Veil's side of the transport for an answer: its ICE credentials (see <see cref="IceCredentials"/>),
/// its DTLS certificate fingerprint as the attribute value ("sha-256 AB:CD:..."), and the host
/// candidates it listens on.
/// </summary>
public sealed record LocalIce(string Ufrag, string Password, string Fingerprint, IReadOnlyList<IPEndPoint> Candidates);
