namespace Veil.WebRtc.Codecs;

/// <summary>
/// One whole H.264 access unit (a picture) in Annex B form, every NAL unit after a 00 00 00 01
/// start code, with its RTP timestamp. A keyframe holds an IDR slice; a decoder also needs the SPS
/// and PPS, sent with it or before.
/// </summary>
public sealed record H264AccessUnit(byte[] Data, uint Timestamp, bool IsKeyframe, bool HasSps, bool HasPps);
