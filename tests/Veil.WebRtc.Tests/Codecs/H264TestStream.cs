using System.Buffers.Binary;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>
/// One second of x264 output (320x240, 25 fps, an IDR every 10 frames, B-frames on), cut into
/// access units by ffprobe's H.264 parser, and the avcC record ffmpeg writes when it remuxes to MP4.
/// </summary>
public sealed class H264TestStream : IDisposable
{
    public H264TestStream()
    {
        Folder = MediaTool.NewFolder();
        string raw = Path.Combine(Folder, "source.h264"), mp4 = Path.Combine(Folder, "source.mp4");
        MediaTool.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "1", "-pix_fmt", "yuv420p",
            "-c:v", "libx264", "-g", "10", "-threads", "1", "-bsf:v", "h264_mp4toannexb", "-f", "h264", raw);
        var bytes = File.ReadAllBytes(raw);
        string packets = MediaTool.Run("ffprobe", "-v", "error", "-show_entries", "packet=pos,size", "-of", "compact=p=0", raw);
        AccessUnits = packets.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var fields = line.Split('|').Select(f => f.Split('=')).ToDictionary(kv => kv[0], kv => long.Parse(kv[1]));
            return bytes.AsSpan((int)fields["pos"], (int)fields["size"]).ToArray();
        }).ToList();

        MediaTool.Run("ffmpeg", "-v", "error", "-i", raw, "-c", "copy", "-f", "mp4", mp4);
        var container = File.ReadAllBytes(mp4);
        int box = container.AsSpan().IndexOf("avcC"u8);
        int boxSize = BinaryPrimitives.ReadInt32BigEndian(container.AsSpan(box - 4));
        AvcC = container.AsSpan(box + 4, boxSize - 8).ToArray();
    }

    public string Folder { get; }
    public IReadOnlyList<byte[]> AccessUnits { get; }
    public byte[] AvcC { get; }

    public static int NalType(ReadOnlySpan<byte> nal) => nal[0] & 0x1F;

    /// <summary>The NAL units of an Annex B access unit (found here independently of the code under test).</summary>
    public static List<byte[]> NalUnits(byte[] annexB)
    {
        var starts = new List<int>();
        for (int i = 0; i + 2 < annexB.Length; i++)
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) starts.Add(i + 3);
        return starts.Select((start, k) =>
        {
            int end = k + 1 < starts.Count ? starts[k + 1] - 3 : annexB.Length;
            while (annexB[end - 1] == 0) end--;
            return annexB[start..end];
        }).ToList();
    }

    /// <summary>The same NAL units, each after a 4-byte start code, as the depacketizer writes them.</summary>
    public static byte[] WithFourByteStartCodes(IEnumerable<byte[]> nals) => nals.SelectMany(n => new byte[] { 0, 0, 0, 1 }.Concat(n)).ToArray();

    public string Write(string name, IEnumerable<byte[]> accessUnits)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, accessUnits.SelectMany(a => a).ToArray());
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
