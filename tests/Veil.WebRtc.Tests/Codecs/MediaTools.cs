using System.Diagnostics;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>ffmpeg and ffprobe, to make real streams and to check that what we rebuild decodes.</summary>
public static class MediaTools
{
    public static string Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} ran over a minute");
        }
        if (process.ExitCode != 0 || stderr.Result.Length > 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    /// <summary>Decodes the whole file (any decoder complaint fails the test) and returns how many frames came out.</summary>
    public static int DecodedFrames(string path, string format)
    {
        Run("ffmpeg", "-v", "error", "-f", format, "-i", path, "-f", "null", "-");
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
