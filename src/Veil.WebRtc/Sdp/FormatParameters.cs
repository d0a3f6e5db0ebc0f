namespace Veil.WebRtc.Sdp;

/// <summary>
/// <c>a=fmtp:&lt;pt&gt; &lt;parameters&gt;</c> (RFC 8866 §6.15): the text as written and its
/// <c>key=value</c> pairs split on ';' (names case-insensitive; a part without '=' is a key with an empty value).
/// </summary>
public sealed record FormatParameters(int PayloadType, string Text, IReadOnlyDictionary<string, string> Values)
{
    public string? this[string name] => Values.TryGetValue(name, out var value) ? value : null;
}
