using System.Net;
using Veil.WebRtc.Dtls;
using Veil.WebRtc.Ice;

namespace Veil.WebRtc.Session;

/// <summary>
/// What every session of a server shares: the ICE-lite port, the DTLS certificate, the candidates
/// answers name, and the bitrate publishers are told they may send (REMB; Veil runs no congestion
/// control of its own, so this is a ceiling the operator sets for their network).
/// </summary>
public sealed record WebRtcContext(IceLiteMux Mux, DtlsCertificate Certificate, IReadOnlyList<IPEndPoint> Candidates, long PublishBitsPerSecond = 2_500_000);
