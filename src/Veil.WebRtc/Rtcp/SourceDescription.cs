namespace Veil.WebRtc.Rtcp;

/// <summary>SDES (RFC 3550 §6.5); only the number of chunks is kept, as nothing here needs CNAMEs.</summary>
public sealed record SourceDescription(int ChunkCount) : RtcpPacket;
