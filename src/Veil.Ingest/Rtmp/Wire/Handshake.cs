using System.Security.Cryptography;

namespace Veil.Ingest.Rtmp.Wire;

// RTMP spec 5.2, the simple handshake:
//   C0, S0:  version (1 byte, 3)
//   C1, S1:  time (4) | zero (4) | random bytes (1528)          1536 bytes
//   C2, S2:  the peer's time (4) | time2 (4) | the peer's random (1528): an echo of C1 / S1
// The client sends C0 C1, the server answers S0 S1 S2, the client ends with C2.

/// <summary>The server's half of the simple handshake, which FFmpeg, OBS, GStreamer and librtmp accept.</summary>
public static class Handshake
{
    public const int Size = 1536;

    /// <summary>S0 S1 S2 for a client's C0 C1; throws when C0 is not RTMP version 3.</summary>
    public static byte[] Answer(ReadOnlySpan<byte> c0c1)
    {
        if (c0c1.Length != 1 + Size) throw new ArgumentException($"C0 C1 is {1 + Size} bytes", nameof(c0c1));
        if (c0c1[0] != 3) throw new RtmpProtocolException($"not an RTMP client: first byte 0x{c0c1[0]:x2} (expected version 3)");
        var s0s1s2 = new byte[1 + 2 * Size];
        s0s1s2[0] = 3;
        RandomNumberGenerator.Fill(s0s1s2.AsSpan(1 + 8, Size - 8)); // S1: time 0, zero, random
        c0c1[1..].CopyTo(s0s1s2.AsSpan(1 + Size));                 // S2 echoes C1
        return s0s1s2;
    }
}
