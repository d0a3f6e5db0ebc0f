using System.Buffers.Binary;
using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>
/// One second of libvpx VP8 (320x240, 25 fps, a keyframe every 10 frames) from an IVF file, a
/// plain RFC 7741 packetizer for it (we only receive VP8, so this lives with the tests), and an
/// IVF writer so ffmpeg can decode what the depacketizer rebuilds.
/// </summary>
public sealed class Vp8TestStream : IDisposable
{
    private const int IvfHeaderSize = 32, IvfFrameHeaderSize = 12;

    public Vp8TestStream()
    {
        Folder = MediaTool.NewFolder();
        string ivf = Path.Combine(Folder, "source.ivf");
        MediaTool.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "1", "-c:v", "libvpx",
            "-g", "10", "-auto-alt-ref", "0", "-threads", "1", "-f", "ivf", ivf);
        var bytes = File.ReadAllBytes(ivf);
        var frames = new List<byte[]>();
        for (int pos = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)); pos < bytes.Length;)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos));
            frames.Add(bytes.AsSpan(pos + IvfFrameHeaderSize, size).ToArray());
            pos += IvfFrameHeaderSize + size;
        }
        Frames = frames;
    }

    public string Folder { get; }
    public IReadOnlyList<byte[]> Frames { get; }

    /// <summary>Each frame in pieces of at most <paramref name="mtu"/> bytes after a 4-byte descriptor: X, S on the first piece, a 15-bit picture ID.</summary>
    public static List<RtpPacket> Packetize(IReadOnlyList<byte[]> frames, int mtu, ushort firstSequenceNumber)
    {
        var packets = new List<RtpPacket>();
        ushort seq = firstSequenceNumber;
        for (int i = 0; i < frames.Count; i++)
        {
            for (int pos = 0; pos < frames[i].Length; pos += mtu - 4)
            {
                var piece = frames[i].AsSpan(pos, Math.Min(mtu - 4, frames[i].Length - pos));
                byte[] payload = [(byte)(pos == 0 ? 0x90 : 0x80), 0x80, (byte)(0x80 | i >> 8), (byte)i, .. piece];
                packets.Add(new RtpPacket
                {
                    SequenceNumber = seq++, Timestamp = (uint)i * 3600, PayloadType = 97, Ssrc = 0x77,
                    Marker = pos + piece.Length == frames[i].Length, Payload = payload,
                });
            }
        }
        return packets;
    }

    public string WriteIvf(string name, IReadOnlyList<byte[]> frames)
    {
        using var stream = new MemoryStream();
        var header = new byte[IvfHeaderSize];
        "DKIF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), IvfHeaderSize);
        "VP80"u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 320);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 240);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 25);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), frames.Count);
        stream.Write(header);
        for (int i = 0; i < frames.Count; i++)
        {
            var frameHeader = new byte[IvfFrameHeaderSize];
            BinaryPrimitives.WriteInt32LittleEndian(frameHeader, frames[i].Length);
            BinaryPrimitives.WriteInt64LittleEndian(frameHeader.AsSpan(4), i);
            stream.Write(frameHeader);
            stream.Write(frames[i]);
        }
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, stream.ToArray());
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
