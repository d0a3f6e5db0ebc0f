using Veil.Media;
using Veil.Media.Interop;
using Veil.Vision.Masks;
using Veil.Vision.Models;

namespace Veil.Server.Cli;

/// <summary>
/// Turns a failure into the one line a user reads (what failed and why) and an exit code.
/// Expected failures (bad input, bad options, unreachable server) print no stack trace.
/// </summary>
internal static class CliFailure
{
    public const int Failed = 1;

    /// <summary>The run finished, but its input was cut short: the output holds the frames before the cut.</summary>
    public const int InputTruncated = 3;
    public const int Cancelled = 130;

    public static int Report(Exception e, TextWriter? error = null)
    {
        error ??= Console.Error;
        if (e is OperationCanceledException)
        {
            error.WriteLine("veil: cancelled");
            return Cancelled;
        }
        bool expected = e is MediaException or AvException or FormatException or ArgumentException
            or CameraConfigException or ModelException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException
            or UnauthorizedAccessException or IOException;
        error.WriteLine($"veil: error: {OneLine(e.Message)}");
        if (!expected || Environment.GetEnvironmentVariable("VEIL_DEBUG") == "1") error.WriteLine(e);
        return Failed;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
