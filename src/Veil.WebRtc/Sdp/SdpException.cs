namespace Veil.WebRtc.Sdp;

/// <summary>
/// An SDP offer or trickle fragment that is malformed or that Veil cannot answer, with the reason;
/// <see cref="Line"/> is the 1-based line at fault, or 0 when the problem is not on one line.
/// </summary>
public sealed class SdpException : Exception
{
    public SdpException(string message) : base(message) { }

    public SdpException(int line, string message) : base($"line {line}: {message}") => Line = line;

    public int Line { get; }
}
