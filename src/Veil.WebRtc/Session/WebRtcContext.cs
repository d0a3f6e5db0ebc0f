using System.Net;
using Veil.WebRtc.Dtls;
using Veil.WebRtc.Ice;

namespace Veil.WebRtc.Session;

/// <summary>What every session of a server shares: the ICE-lite port, the DTLS certificate, and the candidates answers name.</summary>
public sealed record WebRtcContext(IceLiteMux Mux, DtlsCertificate Certificate, IReadOnlyList<IPEndPoint> Candidates);
