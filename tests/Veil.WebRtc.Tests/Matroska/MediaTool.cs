using System.Diagnostics;

namespace Veil.WebRtc.Tests.Matroska;

/// <summary>Runs ffmpeg or ffprobe with a timeout, optionally feeding stdin through a pipe (non-seekable, as a live feed is).</summary>
internal static class MediaTool
{
    public static string Run(string program, IEnumerable<string> arguments, byte[]? stdin = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            try
            {
                process.StandardInput.BaseStream.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException) { } // the reader may stop early; its exit code and stderr tell the rest
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException($"{program} did not finish in 60 s");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    public static void Ffmpeg(params string[] arguments) => Run("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments]);

    public static string Ffprobe(byte[] stdin, params string[] arguments) => Run("ffprobe", ["-hide_banner", "-v", "error", .. arguments, "-i", "pipe:0"], stdin);
}
