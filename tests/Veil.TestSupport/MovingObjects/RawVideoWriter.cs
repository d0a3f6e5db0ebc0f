using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>Encodes BGR frames written one at a time with the ffmpeg CLI (libx264, yuv420p, an MP4 with faststart).</summary>
public sealed class RawVideoWriter : IDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly StringBuilder _stderr = new();
    private readonly string _output;
    private bool _completed;

    /// <param name="crf">16 for a source clip (near transparent), 23 for what Veil itself writes by default.</param>
    public RawVideoWriter(string output, int width, int height, int fps, int crf, string preset = "fast")
    {
        Width = width;
        Height = height;
        _output = output;
        var start = new ProcessStartInfo(FfTools.FfmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var inv = CultureInfo.InvariantCulture;
        foreach (var arg in new[]
        {
            "-hide_banner", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{width}x{height}", "-r", fps.ToString(inv), "-i", "-",
            "-c:v", "libx264", "-preset", preset, "-crf", crf.ToString(inv), "-pix_fmt", "yuv420p",
            "-g", (2 * fps).ToString(inv), "-movflags", "+faststart", output,
        }) start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start ffmpeg");
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.StandardOutput.Close();
        _stdin = _process.StandardInput.BaseStream;
    }

    public int Width { get; }
    public int Height { get; }

    public unsafe void Write(Mat bgr)
    {
        if (bgr.Width != Width || bgr.Height != Height || bgr.Type() != MatType.CV_8UC3 || !bgr.IsContinuous())
            throw new ArgumentException($"a continuous {Width}x{Height} BGR frame is expected", nameof(bgr));
        try
        {
            _stdin.Write(new ReadOnlySpan<byte>((void*)bgr.Data, Width * Height * 3));
        }
        catch (IOException e)
        {
            _process.WaitForExit();
            throw new InvalidOperationException($"ffmpeg stopped taking frames for {_output}: {Errors}", e);
        }
    }

    /// <summary>Ends the input and waits for the file to be finished; throws with ffmpeg's errors when it fails.</summary>
    public void Complete()
    {
        _stdin.Close();
        _process.WaitForExit();
        _completed = true;
        if (_process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not write {_output}: {Errors}");
    }

    private string Errors { get { lock (_stderr) return _stderr.ToString().Trim(); } }

    /// <summary>Without <see cref="Complete"/> (a failure on the way), the encoder is stopped and the file is not to be trusted.</summary>
    public void Dispose()
    {
        if (!_completed) ChildProcess.KillTree(_process);
        _process.WaitForExit();
        _process.Dispose();
    }
}
