namespace Veil.WebRtc.Matroska;

// RFC 7845 §5.1 identification header, Matroska's CodecPrivate for A_OPUS (little-endian fields):
//
//   "OpusHead" | version 1 | channels | pre-skip (u16) | input sample rate (u32) | output gain (s16) | mapping family

/// <summary>The OpusHead for WebRTC Opus: opus/48000/2 (RFC 7587 §7), mapping family 0.</summary>
internal static class OpusHead
{
    public const int Channels = 2, SampleRate = 48000;

    /// <summary>libopus's usual encoder delay at 48 kHz; players drop these samples at the start.</summary>
    public const int PreSkip = 312;

    /// <summary>Pre-skip as a duration, Matroska's CodecDelay in nanoseconds.</summary>
    public const long CodecDelayNs = PreSkip * 1_000_000_000L / SampleRate;

    /// <summary>80 ms of decoding before a seek point, as RFC 7845 §4.6 recommends.</summary>
    public const long SeekPreRollNs = 80_000_000;

    public static byte[] Build() =>
    [
        (byte)'O', (byte)'p', (byte)'u', (byte)'s', (byte)'H', (byte)'e', (byte)'a', (byte)'d',
        1, Channels, PreSkip & 0xFF, PreSkip >> 8,
        SampleRate & 0xFF, (SampleRate >> 8) & 0xFF, (SampleRate >> 16) & 0xFF, SampleRate >> 24,
        0, 0, 0,
    ];
}
