using System.Buffers.Binary;

namespace Veil.WebRtc.Tests.Matroska;

/// <summary>
/// Two seconds of real encoder output made once per test class with ffmpeg: H.264 (320x240, 25 fps, no B-frames as in WebRTC,
/// a keyframe every 25 frames, an AUD before each access unit), VP8 in IVF, and 20 ms Opus packets in Ogg.
/// </summary>
public sealed class SampleMedia : IDisposable
{
    public const int FrameMilliseconds = 40, OpusMilliseconds = 20;
    private readonly string folder = Directory.CreateTempSubdirectory("veil-mkv-").FullName;

    public SampleMedia()
    {
        string h264 = Path.Combine(folder, "x.h264"), ivf = Path.Combine(folder, "x.ivf"), ogg = Path.Combine(folder, "x.ogg");
        MediaTool.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "libx264", "-preset", "veryfast",
            "-pix_fmt", "yuv420p", "-g", "25", "-bf", "0", "-x264-params", "aud=1", "-bsf:v", "h264_mp4toannexb", "-f", "h264", h264);
        MediaTool.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "libvpx", "-g", "25", "-b:v", "300k", "-f", "ivf", ivf);
        MediaTool.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2", "-ac", "2", "-c:a", "libopus", "-frame_duration", "20", "-f", "ogg", ogg);
        H264AccessUnits = SplitAtAud(File.ReadAllBytes(h264));
        Vp8Frames = ReadIvf(File.ReadAllBytes(ivf));
        OpusPackets = ReadOggPackets(File.ReadAllBytes(ogg)).Skip(2).ToList(); // OpusHead, OpusTags
    }

    public IReadOnlyList<byte[]> H264AccessUnits { get; }
    public IReadOnlyList<byte[]> Vp8Frames { get; }
    public IReadOnlyList<byte[]> OpusPackets { get; }

    public static bool IsH264Keyframe(byte[] accessUnit) => Units(accessUnit).Any(u => (u[0] & 0x1F) == 5);

    public static bool IsVp8Keyframe(byte[] frame) => (frame[0] & 1) == 0;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The NAL units of an Annex B buffer (3-byte start codes found; a 4-byte one leaves a trailing zero, trimmed).</summary>
    public static IEnumerable<byte[]> Units(byte[] annexB)
    {
        var starts = new List<int>();
        for (int i = 0; i + 2 < annexB.Length; i++)
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) starts.Add(i + 3);
        for (int k = 0; k < starts.Count; k++)
        {
            int end = k + 1 < starts.Count ? starts[k + 1] - 3 : annexB.Length;
            while (end > starts[k] && annexB[end - 1] == 0) end--;
            yield return annexB[starts[k]..end];
        }
    }

    private static List<byte[]> SplitAtAud(byte[] stream)
    {
        var units = new List<byte[]>();
        var current = new List<byte>();
        foreach (var unit in Units(stream))
        {
            if ((unit[0] & 0x1F) == 9 && current.Count > 0)
            {
                units.Add(current.ToArray());
                current.Clear();
            }
            current.AddRange([0, 0, 0, 1, .. unit]);
        }
        if (current.Count > 0) units.Add(current.ToArray());
        return units;
    }

    /// <summary>IVF: a 32-byte file header, then per frame a u32 LE size, a u64 LE timestamp and the frame.</summary>
    private static List<byte[]> ReadIvf(byte[] ivf)
    {
        var frames = new List<byte[]>();
        for (int position = BinaryPrimitives.ReadUInt16LittleEndian(ivf.AsSpan(6)); position + 12 <= ivf.Length;)
        {
            int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(ivf.AsSpan(position));
            frames.Add(ivf[(position + 12)..(position + 12 + size)]);
            position += 12 + size;
        }
        return frames;
    }

    /// <summary>RFC 3533 pages ("OggS", 27-byte header, lacing table); a lacing value below 255 ends a packet.</summary>
    private static List<byte[]> ReadOggPackets(byte[] ogg)
    {
        var packets = new List<byte[]>();
        var current = new List<byte>();
        for (int position = 0; position + 27 <= ogg.Length;)
        {
            int segments = ogg[position + 26];
            int data = position + 27 + segments;
            for (int s = 0; s < segments; s++)
            {
                int lacing = ogg[position + 27 + s];
                current.AddRange(ogg.AsSpan(data, lacing).ToArray());
                data += lacing;
                if (lacing < 255)
                {
                    packets.Add(current.ToArray());
                    current.Clear();
                }
            }
            position = data;
        }
        return packets;
    }
}
