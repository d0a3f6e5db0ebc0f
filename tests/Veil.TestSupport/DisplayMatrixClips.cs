using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Veil.TestSupport;

/// <summary>
/// Phone-like clips: MP4s whose video track carries a display matrix, the way a phone records
/// portrait video (coded sideways, turned upright by every player). Written by Debian's ffmpeg 5.1
/// (<c>-metadata:s:v:0 rotate=N</c> on a stream copy) or, for matrices ffmpeg 5.1 cannot write
/// (mirrored ones), by writing the matrix into the track header (<c>tkhd</c>) of such a file.
/// </summary>
public static class DisplayMatrixClips
{
    /// <summary>FFmpeg's 16.16 fixed-point one, and the 2.30 one of the matrix's last column.</summary>
    public const int One = 1 << 16, OneW = 1 << 30;

    /// <summary>Copies <paramref name="source"/> (an H.264 file) to an MP4 tagged rotate=<paramref name="degrees"/>; checks the matrix is there.</summary>
    public static async Task TagRotationAsync(string source, string output, int degrees)
    {
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", source, "-c", "copy",
            "-metadata:s:v:0", $"rotate={degrees}", output])).EnsureSuccess();
        if (await ReadAsync(output) is null) throw new InvalidOperationException($"ffmpeg wrote no display matrix into {output}");
    }

    /// <summary>Replaces the display matrix of the first video track of an MP4 (same length, in place).</summary>
    public static void SetMatrix(string mp4, int[] matrix)
    {
        if (matrix.Length != 9) throw new ArgumentException("a display matrix has 9 entries", nameof(matrix));
        var bytes = File.ReadAllBytes(mp4);
        int at = VideoTrackMatrixOffset(bytes) ?? throw new InvalidOperationException($"{mp4}: no video track header");
        for (int i = 0; i < 9; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at + 4 * i), matrix[i]);
        File.WriteAllBytes(mp4, bytes);
    }

    /// <summary>The display matrix ffprobe reads from the first video stream, or null when it has none.</summary>
    public static async Task<int[]?> ReadAsync(string file)
    {
        var r = await FfTools.RunFfprobeAsync(["-v", "error", "-select_streams", "v:0", "-show_entries", "stream_side_data=displaymatrix", "-of", "json", file]);
        r.EnsureSuccess();
        using var doc = JsonDocument.Parse(r.StdOut);
        foreach (var stream in doc.RootElement.GetProperty("streams").EnumerateArray())
        {
            if (!stream.TryGetProperty("side_data_list", out var list)) continue;
            foreach (var sd in list.EnumerateArray())
                if (sd.TryGetProperty("displaymatrix", out var text)) return ParseDump(text.GetString()!);
        }
        return null;
    }

    // ffprobe prints the matrix as three rows "00000000: a b u".
    private static int[] ParseDump(string dump) => dump.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Where the matrix of the first 'vide' track's tkhd starts (ISO 14496-12 8.3.2), or null.</summary>
    private static int? VideoTrackMatrixOffset(byte[] file)
    {
        foreach (var (moovStart, moovEnd) in Boxes(file, 0, file.Length, "moov"))
            foreach (var (trakStart, trakEnd) in Boxes(file, moovStart, moovEnd, "trak"))
            {
                bool video = Boxes(file, trakStart, trakEnd, "mdia")
                    .SelectMany(m => Boxes(file, m.Start, m.End, "hdlr"))
                    .Any(h => file.AsSpan(h.Start + 8, 4).SequenceEqual("vide"u8)); // version+flags, pre_defined, handler_type
                if (!video) continue;
                foreach (var (tkhd, _) in Boxes(file, trakStart, trakEnd, "tkhd"))
                {
                    int version = file[tkhd];
                    // version+flags, times and track id (20 or 32 bytes), reserved, layer, group, volume, reserved.
                    return tkhd + 4 + (version == 1 ? 32 : 20) + 16;
                }
            }
        return null;
    }

    /// <summary>The payloads (after the 8-byte header) of the boxes of one type directly inside [start, end).</summary>
    private static IEnumerable<(int Start, int End)> Boxes(byte[] file, int start, int end, string type)
    {
        for (int at = start; at + 8 <= end;)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            int header = 8;
            if (size == 1) { size = (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(at + 8)); header = 16; }
            else if (size == 0) size = end - at;
            if (size < header || at + size > end) yield break;
            if (System.Text.Encoding.ASCII.GetString(file, at + 4, 4) == type) yield return (at + header, (int)(at + size));
            at += (int)size;
        }
    }
}
