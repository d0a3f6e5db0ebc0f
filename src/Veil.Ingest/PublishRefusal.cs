namespace Veil.Ingest;

/// <summary>Why a publish was refused; each protocol answers with its own code for it.</summary>
public enum PublishRefusal
{
    None,
    NoSuchStream,

    /// <summary>The stream pulls its source and takes no publisher.</summary>
    NotPushStream,
    WrongKey,

    /// <summary>Another publisher is on the stream and still sending.</summary>
    Busy,

    /// <summary>Too many failed keys from this address lately.</summary>
    Throttled,

    /// <summary>The announced media is over a limit (picture size).</summary>
    OverLimit,

    /// <summary>The stream is stopping.</summary>
    Unavailable,
}
