namespace Veil.WebRtc.Sdp;

/// <summary><c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c> (RFC 8866 §6.6).</summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels)
{
    public bool Is(string encodingName, int clockRate) =>
        EncodingName.Equals(encodingName, StringComparison.OrdinalIgnoreCase) && ClockRate == clockRate;

    public override string ToString() =>
        Channels is { } channels ? $"{PayloadType} {EncodingName}/{ClockRate}/{channels}" : $"{PayloadType} {EncodingName}/{ClockRate}";
}
