using System.Diagnostics;

namespace Veil.WebRtc.Tests;

/// <summary>ffmpeg and ffprobe with a timeout: to make real streams, and to check that what we rebuild decodes (stdin through a pipe is non-seekable, as a live feed is).</summary>
internal static class MediaTool
{
    public static string Run(string program, params string[] arguments) => Run(program, arguments, stdin: null);

    /// <summary>Stdout; throws when the tool fails, and with <paramref name="strict"/> when it says anything on stderr.</summary>
    public static string Run(string program, IEnumerable<string> arguments, byte[]? stdin, bool strict = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
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
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in 60 s");
        }
        if (process.ExitCode != 0 || (strict && stderr.Result.Length > 0))
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    public static void Ffmpeg(params string[] arguments) => Run("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments]);

    public static string Ffprobe(byte[] stdin, params string[] arguments) => Run("ffprobe", ["-hide_banner", "-v", "error", .. arguments, "-i", "pipe:0"], stdin);

    /// <summary>Decodes the whole file (any decoder complaint fails the test) and returns how many frames came out.</summary>
    public static int DecodedFrames(string path, string format)
    {
        Run("ffmpeg", ["-v", "error", "-f", format, "-i", path, "-f", "null", "-"], stdin: null, strict: true);
        string count = Run("ffprobe", "-v", "error", "-f", format, "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path);
        return int.Parse(count.Trim());
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "veil-webrtc-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
