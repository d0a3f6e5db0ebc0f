namespace Veil.WebRtc.Matroska;

/// <summary>The video codecs WebRTC ingest delivers and the Matroska writer can describe.</summary>
public enum MatroskaVideoCodec
{
    /// <summary>Annex B access units in; V_MPEG4/ISO/AVC with an avcC CodecPrivate out.</summary>
    H264,

    /// <summary>VP8 frames as decoded from RTP (RFC 7741); V_VP8, no CodecPrivate.</summary>
    Vp8,
}
