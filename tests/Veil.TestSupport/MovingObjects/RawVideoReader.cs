using System.Diagnostics;
using System.Text;
using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Decodes a video with the ffmpeg CLI into raw frames read one at a time: <c>bgr24</c> (3 channels) or
/// <c>gray</c> (luma only, a third of the bytes, which is all the leak meter needs).
/// </summary>
public sealed class RawVideoReader : IDisposable
{
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly StringBuilder _stderr = new();

    public RawVideoReader(string input, int width, int height, bool gray, string? filter = null, int? frames = null)
    {
        Width = width;
        Height = height;
        Channels = gray ? 1 : 3;
        var start = new ProcessStartInfo(FfTools.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-hide_banner", "-nostdin", "-v", "error", "-i", input }) start.ArgumentList.Add(arg);
        if (filter is not null) { start.ArgumentList.Add("-vf"); start.ArgumentList.Add(filter); }
        if (frames is { } count) { start.ArgumentList.Add("-frames:v"); start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        foreach (var arg in new[] { "-an", "-f", "rawvideo", "-pix_fmt", gray ? "gray" : "bgr24", "-s", $"{width}x{height}", "-" }) start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start ffmpeg");
        _process.StandardInput.Close();
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _stdout = _process.StandardOutput.BaseStream;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }

    /// <summary>A Mat the frames can be read into.</summary>
    public Mat NewFrame() => new(Height, Width, Channels == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3);

    /// <summary>Reads the next frame into <paramref name="frame"/> (from <see cref="NewFrame"/>); false at the end of the video.</summary>
    public unsafe bool TryRead(Mat frame)
    {
        if (frame.Width != Width || frame.Height != Height || frame.Channels() != Channels || !frame.IsContinuous())
            throw new ArgumentException("the frame must come from NewFrame()", nameof(frame));
        var bytes = new Span<byte>((void*)frame.Data, Width * Height * Channels);
        int read = _stdout.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read == bytes.Length) return true;
        _process.WaitForExit();
        if (_process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not decode: {Errors}");
        if (read != 0) throw new InvalidOperationException($"ffmpeg ended in the middle of a frame ({read} of {bytes.Length} bytes)");
        return false;
    }

    private string Errors { get { lock (_stderr) return _stderr.ToString().Trim(); } }

    public void Dispose()
    {
        ChildProcess.KillTree(_process);
        _process.WaitForExit();
        _process.Dispose();
    }
}
