namespace Veil.TestSupport;

/// <summary>What a finished (or killed) child process left behind.</summary>
public sealed record ProcessResult(string FileName, IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Throws with the command line and the tail of stderr unless the process exited 0 in time.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (Succeeded)
        {
            return this;
        }

        var why = TimedOut ? "timed out and was killed" : $"exited with code {ExitCode}";
        throw new InvalidOperationException(
            $"{FileName} {why}.\nCommand: {FileName} {string.Join(' ', Arguments)}\nstderr (tail):\n{Tail(StdErr, 4000)}");
    }

    internal static string Tail(string text, int maxChars) =>
        text.Length <= maxChars ? text : "..." + text[^maxChars..];
}
