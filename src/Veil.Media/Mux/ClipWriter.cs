using Veil.Core.Frames;
using Veil.Media.Codecs;
using Veil.Media.Demux;
using Veil.Media.Frames;
using Veil.Media.Interop;

namespace Veil.Media.Mux;

/// <summary>
/// A short MP4 (H.264, no audio) from pictures held in memory as packed I420: an event's
/// anonymized clip, made from frames that were redacted before they were kept.
/// </summary>
public static class ClipWriter
{
    /// <param name="frames">Packed I420 pictures (Y, then U, then V, no padding) of <paramref name="width"/> x <paramref name="height"/>, in order.</param>
    public static byte[] Mp4(int width, int height, int framesPerSecond, IReadOnlyList<byte[]> frames)
    {
        if (frames.Count == 0) throw new ArgumentException("a clip needs at least one frame", nameof(frames));
        if (width % 2 != 0 || height % 2 != 0) throw new ArgumentException($"a {width}x{height} clip: I420 needs even sizes");
        int size = width * height * 3 / 2;
        if (frames.Any(f => f.Length != size)) throw new ArgumentException($"every frame must be {size} bytes of I420 for {width}x{height}", nameof(frames));
        string path = Path.Combine(Path.GetTempPath(), $"veil-clip-{Guid.NewGuid():N}.mp4");
        try
        {
            Write(path, width, height, framesPerSecond, frames);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static unsafe void Write(string path, int width, int height, int fps, IReadOnlyList<byte[]> frames)
    {
        var rate = new AvRational(fps, 1);
        var settings = new EncoderSettings { Preset = "veryfast", Profile = "main", Crf = 26, GopSeconds = 10 };
        using var output = MediaOutput.Create(path, "mp4");
        using var encoder = new VideoEncoder(width, height, new AvRational(1, fps), rate, settings, output.NeedsGlobalHeader);
        int stream = output.AddVideo(encoder, rate);
        output.Open();
        using var pool = AvFrameBuffer.CreatePool(width, height);
        using var packet = new MediaPacket();
        for (int i = 0; i < frames.Count; i++)
        {
            var frame = pool.Rent();
            try
            {
                Fill(frame.Planes, frames[i], width, height);
                frame.Pts = i;
                encoder.Send(frame);
            }
            finally
            {
                frame.Release();
            }
            Drain(encoder, output, packet, stream);
        }
        encoder.Send(null);
        Drain(encoder, output, packet, stream);
        output.Finish();
    }

    private static unsafe void Fill(YuvPlanes planes, byte[] i420, int width, int height)
    {
        fixed (byte* source = i420)
        {
            int chroma = width / 2;
            new YuvPlanes(source, width, source + width * height, chroma, source + width * height + chroma * (height / 2), chroma, width, height).CopyTo(planes);
        }
    }

    private static void Drain(VideoEncoder encoder, MediaOutput output, MediaPacket packet, int stream)
    {
        while (encoder.TryReceive(packet)) output.Write(packet, stream, 0);
    }
}
