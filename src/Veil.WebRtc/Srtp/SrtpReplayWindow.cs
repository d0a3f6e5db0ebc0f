namespace Veil.WebRtc.Srtp;

/// <summary>
/// The sliding replay list of RFC 3711 §3.3.2 over packet indices (48-bit SRTP or 31-bit SRTCP):
/// the highest index authenticated so far and a 64-bit mask of which of the 64 indices at and
/// below it have been seen. Anything older than the window is refused, since it cannot be told
/// from a replay. The highest index also gives the receiver's rollover counter and s_l (§3.3.1).
/// </summary>
internal sealed class SrtpReplayWindow(ulong first)
{
    public const int Size = 64;
    private ulong seen = 1; // bit k: index Highest - k has been accepted

    public ulong Highest { get; private set; } = first;

    /// <summary>
    /// Null when <paramref name="index"/> may still be accepted, else why not, naming the packet
    /// as <paramref name="kind"/> <paramref name="number"/> (formatted only when refused).
    /// </summary>
    public string? Refusal(ulong index, string kind, ulong number)
    {
        if (index > Highest) return null;
        ulong age = Highest - index;
        if (age >= Size) return $"{kind} {number} is {age} behind the newest, older than the {Size}-packet replay window";
        return (seen & (1UL << (int)age)) != 0 ? $"replayed {kind} {number}" : null;
    }

    /// <summary>Records an authenticated index, sliding the window forward if it is the newest.</summary>
    public void Accept(ulong index)
    {
        if (index > Highest)
        {
            ulong shift = index - Highest;
            seen = shift >= Size ? 1 : (seen << (int)shift) | 1;
            Highest = index;
        }
        else if (Highest - index < Size) seen |= 1UL << (int)(Highest - index);
    }
}
