namespace Veil.WebRtc.Codecs;

/// <summary>One whole VP8 frame (RFC 6386 bitstream, as an IVF or WebM muxer takes it) with its RTP timestamp.</summary>
public sealed record Vp8Frame(byte[] Data, uint Timestamp, bool IsKeyframe);
