namespace Veil.Media;

/// <summary>A media input or output failed for a reason the user can act on; the message says what and why.</summary>
public sealed class MediaException : Exception
{
    public MediaException(string message, Exception? inner = null) : base(message, inner) { }
}
