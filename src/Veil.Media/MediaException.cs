namespace Veil.Media;

/// <summary>A media input or output failed for a reason the user can act on; the message says what and why.</summary>
public sealed class MediaException : Exception
{
    public MediaException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>The source stopped sending (a stall), as opposed to sending what cannot be read.</summary>
    public bool Stalled { get; init; }
}
