namespace Veil.Ingest.Rtmp.Wire;

/// <summary>A peer broke the RTMP protocol (bad handshake, chunk header, AMF value or message): its session ends with this reason.</summary>
public sealed class RtmpProtocolException(string message) : Exception(message);
